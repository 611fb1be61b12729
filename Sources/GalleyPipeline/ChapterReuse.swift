import GalleySystem

/// Where a chapter is reused: taken whole from the render cache (`RenderCache`) instead of going
/// through the stages again.
///
/// A chapter's entry is read first, by its bytes, path, place and the run's fingerprint; chapters
/// without one are parsed. Whether a kept chapter may stay kept is known only once every chapter's
/// equation labels are (a label elsewhere may have moved), and its images are resolved again: a
/// kept chapter whose equations or images are not what they were is parsed in a second pass.
extension BookRun {
    /// Reads what earlier runs kept of each chapter.
    mutating func readKeptChapters() {
        let cache = cache
        let chapters = chapters
        let kept = timings.measurePhase("load") {
            Parallel.map(chapters) { cache.entry(for: $0.chapter, sourceKey: $0.sourceKey) }
        }
        for index in self.chapters.indices { self.chapters[index].kept = kept[index] }
    }

    /// Keeps each kept chapter whose equations and images are as they were, and parses and
    /// typesets the others.
    mutating func confirmKeptChapters() throws(PipelineError) {
        let resolver = resolver
        let chapters = chapters
        let images = Parallel.map(chapters) { run -> ImageResolver.Resolution? in
            guard let entry = run.kept, run.pass == nil else { return nil }
            let images = resolver.resolve(entry.imageReferences, in: run.chapter)
            guard entry.equations == run.equationDigest, entry.images == RenderCache.digest(images) else { return nil }
            return images
        }
        for index in self.chapters.indices { self.chapters[index].keptImages = images[index] }
        // A reused chapter's programs were used, for the cache's pruning, though none runs.
        let programs = options.cacheFolder.appendingPathComponent("programs")
        for run in self.chapters where run.reused != nil {
            for key in run.kept?.programKeys ?? [] { AtomicFile.touch(programs.appendingPathComponent(key)) }
        }
        // A reused chapter is done with everything but being written.
        let reused = self.chapters.filter { $0.reused != nil }.count
        options.progress?.advance(.loaded, .typeset, .compiled, .run, by: reused)
        let again = self.chapters.indices.filter { self.chapters[$0].reused == nil && self.chapters[$0].pass == nil }
        try parseAndTypeset(again)
    }
}
