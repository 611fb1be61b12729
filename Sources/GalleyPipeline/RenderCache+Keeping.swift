import Foundation
import GalleySystem

extension RenderCache {
    /// Keeps what this run rendered of each chapter, and the pages it assembled again, once the
    /// output folder holds their files. A chapter reused with its page as it was is left as kept.
    func keep(_ chapters: [ChapterRun], outputs: [ChapterOutput], pages: [RenderStage.SitePage], in output: URL) {
        _ = Parallel.map(chapters) { run in
            let rendered = outputs[run.index].rendered
            let page = pages[run.index]
            guard rendered.reused?.pageKey != page.key else { return }
            store(
                run.chapter, entry: Entry(run, output: outputs[run.index], page: page, fingerprint: fingerprint),
                rendered: rendered.reused == nil, extraPaths: Array(rendered.extraFiles.keys),
                searchPage: rendered.searchSource, output: output)
        }
    }
}

extension RenderCache.Entry {
    /// The entry for a chapter as this run finished it; where its files are is filled in when
    /// they are placed (`RenderCache.store`), but for a reused chapter's, which stay where they are.
    init(_ run: ChapterRun, output: ChapterOutput, page: RenderStage.SitePage, fingerprint: String) {
        let rendered = output.rendered
        let kept = run.reused
        self.init(
            fingerprint: fingerprint, source: run.sourceKey, equations: run.equationDigest,
            images: RenderCache.digest(rendered.images), key: rendered.key,
            imageReferences: rendered.imageReferences,
            labels: run.pass?.parsed.labels ?? kept?.labels ?? [],
            references: run.pass?.parsed.references ?? kept?.references ?? [],
            title: rendered.title, headings: rendered.headings, summary: rendered.summary,
            pageDiagnostics: rendered.diagnostics,
            ownRunDiagnostics: output.reported == rendered.diagnostics ? nil : output.reported,
            verification: rendered.verification,
            ownCoverage: run.coverage == rendered.verification.coverage ? nil : run.coverage, remarks: run.remarks,
            pageKey: page.key, page: kept?.page ?? .none, bodyRanges: page.bodyRanges,
            markdown: kept?.markdown ?? .none, extraFiles: kept?.extraFiles ?? [:],
            searchPage: kept?.searchPage ?? .none,
            programKeys: run.evaluation?.programKeys ?? kept?.programKeys ?? [])
    }
}
