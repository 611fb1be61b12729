import GalleyDiagnostics
import GalleyResults

extension SiteStrings {
    public static let english = SiteStrings(
        language: "en", skipToContent: "Skip to content", menu: "Contents", closeMenu: "Close contents",
        bookContents: "Book contents", chapterContents: "In this chapter", chapterNavigation: "Chapters",
        searchLabel: "Search the book", searchPlaceholder: "Search (press /)", search: "Search",
        searchPrompt: "Type a word and press Enter to search.", searchNone: "Nothing found for “{query}”.",
        searchFound: "{count} places with “{query}”:",
        searchServe:
            "Search works when the site is served over HTTP: run render --serve, or put the site on any web server.",
        searchUnavailable: "This site has no search index.", searchMore: "More results", editPage: "Edit this page",
        sectionLink: "Link to the section “{title}”", output: "Output",
        outputCut: "The output was too long; only its beginning is shown.", expectedFailure: "Failed as expected:",
        texError: "TeX error:", checkedComputed: "checked: computed value {value}",
        checkedRestated: "checked: an input the code restates, {value}",
        differs: "differs from the computed value {value}",
        notChecked: "not checked:", formulaChecked: "formula checked", formulaWrong: "formula wrong",
        formulaClaimUnchecked: "{text} in this formula is not checked", claimUnchecked: "not checked",
        chartDescription: "{title}: horizontal axis {x}, vertical axis {y}; legend: {legend}", listSeparator: ", ",
        checks: "Checks",
        checksIntroduction:
            "When this book was built, Galley ran each chapter's code, compared every number the text states with the value the code computes, at the precision the author wrote, and checked the formulas' sides. The table shows what was checked; an unchecked number is bound to no computed value and stands in no checked formula, so readers should verify it themselves.",
        checksColumns: [
            "Chapter", "Numbers checked", "Computed", "Restated inputs", "Wrong", "Unchecked", "Formulas checked",
            "Points", "Blocks run", "Expectations passed",
        ],
        uncheckedHeading: "{title}: unchecked numbers", lineOf: "line {line}", inFormula: ", in a formula",
        overlayTitle: "Problems: {count} — fix them and save, and this goes away", overlayClose: "Hide",
        overlayCloseHint: "Hide (shown again when a render has problems)", overlayRendering: "Rendering…",
        blockReasons: .english,
        counts: { coverage in
            var line = "Checked here: " + counted(coverage.statedChecked, "number")
            if coverage.statedChecked > 0 {
                line +=
                    " (\(coverage.computedChecked) computed, " + counted(coverage.inputsRestated, "restated input")
                    + ")"
            }
            if coverage.statedWrong > 0 { line += ", \(coverage.statedWrong) wrong" }
            line += ", \(coverage.uncheckedNumbers) unchecked"
            if coverage.formulasChecked > 0 {
                line +=
                    "; " + counted(coverage.formulasChecked, "formula") + " at "
                    + counted(coverage.formulaPoints, "point")
                if coverage.formulasWrong > 0 { line += ", \(coverage.formulasWrong) wrong" }
            }
            if coverage.expectations > 0 {
                line += "; " + counted(coverage.expectations, "expectation")
                if coverage.expectationsFailed > 0 { line += ", \(coverage.expectationsFailed) failed" }
            }
            return line
        },
        bookCounts: { checked, unchecked in "Checks: " + counted(checked, "number") + " checked, \(unchecked) unchecked"
        },
        printContents: "Contents", printBuilt: "Built on {date}",
        printChecked: { checked, wrong in counted(checked, "number") + " checked, \(wrong) wrong" },
        printDownload: "The whole book as a PDF, to print")

    public static let simplifiedChinese = SiteStrings(
        language: "zh-CN", skipToContent: "跳到正文", menu: "目录", closeMenu: "关闭目录", bookContents: "全书目录",
        chapterContents: "本章目录", chapterNavigation: "章节导航", searchLabel: "搜索全书", searchPlaceholder: "搜索（按 / 键）",
        search: "搜索", searchPrompt: "输入词语后按回车搜索。", searchNone: "没有找到“{query}”。", searchFound: "找到 {count} 处“{query}”：",
        searchServe: "通过 HTTP 访问本站时才能搜索：运行 render --serve，或把网站放到任意 Web 服务器上。",
        searchUnavailable: "本站没有搜索索引。", searchMore: "更多结果",
        editPage: "编辑本页", sectionLink: "本节“{title}”的链接", output: "输出", outputCut: "输出过长，只显示了开头部分。",
        expectedFailure: "预期的失败：", texError: "TeX 错误：",
        checkedComputed: "已核对：计算值 {value}", checkedRestated: "已核对：复述代码中的输入 {value}", differs: "与计算值不符：{value}",
        notChecked: "未核对：", formulaChecked: "公式已核对", formulaWrong: "公式有误", formulaClaimUnchecked: "公式中的 {text} 未经核对",
        claimUnchecked: "未经核对", chartDescription: "{title}：横轴 {x}，纵轴 {y}；图例：{legend}", listSeparator: "、", checks: "核对",
        checksIntroduction:
            "构建这本书时，Galley 运行了每章的代码，把正文写出的每个数与代码算出的值按作者写的精度比较，并核对了公式的两边。下表是核对的结果；“未核对”的数既没有绑定到计算值，也不在核对过的公式里，读者应当自己验证。",
        checksColumns: ["章节", "已核对的数", "算出的", "复述的输入", "有误", "未核对的数", "核对的公式", "核对处", "运行的代码块", "通过的 expect"],
        uncheckedHeading: "{title}：未核对的数", lineOf: "第 {line} 行", inFormula: "，公式中",
        overlayTitle: "{count} 个问题 —— 改正并保存后自动消失",
        overlayClose: "收起", overlayCloseHint: "先收起（下次渲染出问题时再显示）", overlayRendering: "正在渲染…",
        blockReasons: .simplifiedChinese,
        counts: { chineseCounts($0, simplifiedWords) },
        bookCounts: { "核对：\($0) 个数已核对，\($1) 个未核对" },
        printContents: "目录", printBuilt: "构建于 {date}", printChecked: { "已核对 \($0) 个数，\($1) 个有误" },
        printDownload: "全书 PDF 版，可打印")

    public static let traditionalChinese = SiteStrings(
        language: "zh-TW", skipToContent: "跳到正文", menu: "目錄", closeMenu: "關閉目錄", bookContents: "全書目錄",
        chapterContents: "本章目錄", chapterNavigation: "章節導覽", searchLabel: "搜尋全書", searchPlaceholder: "搜尋（按 / 鍵）",
        search: "搜尋", searchPrompt: "輸入詞語後按 Enter 搜尋。", searchNone: "沒有找到「{query}」。",
        searchFound: "找到 {count} 處「{query}」：",
        searchServe: "透過 HTTP 瀏覽本站時才能搜尋：執行 render --serve，或把網站放到任何 Web 伺服器上。",
        searchUnavailable: "本站沒有搜尋索引。", searchMore: "更多結果",
        editPage: "編輯本頁", sectionLink: "本節「{title}」的連結", output: "輸出", outputCut: "輸出過長，只顯示了開頭部分。",
        expectedFailure: "預期的失敗：", texError: "TeX 錯誤：",
        checkedComputed: "已核對：計算值 {value}", checkedRestated: "已核對：複述程式碼中的輸入 {value}", differs: "與計算值不符：{value}",
        notChecked: "未核對：", formulaChecked: "公式已核對", formulaWrong: "公式有誤", formulaClaimUnchecked: "公式中的 {text} 未經核對",
        claimUnchecked: "未經核對", chartDescription: "{title}：橫軸 {x}，縱軸 {y}；圖例：{legend}", listSeparator: "、", checks: "核對",
        checksIntroduction:
            "建置這本書時，Galley 執行了每章的程式碼，把正文寫出的每個數與程式碼算出的值按作者寫的精度比較，並核對了公式的兩邊。下表是核對的結果；「未核對」的數既沒有綁定到計算值，也不在核對過的公式裡，讀者應當自己驗證。",
        checksColumns: ["章節", "已核對的數", "算出的", "複述的輸入", "有誤", "未核對的數", "核對的公式", "核對處", "執行的程式碼區塊", "通過的 expect"],
        uncheckedHeading: "{title}：未核對的數", lineOf: "第 {line} 行", inFormula: "，公式中",
        overlayTitle: "{count} 個問題 —— 改正並儲存後自動消失",
        overlayClose: "收起", overlayCloseHint: "先收起（下次渲染出問題時再顯示）", overlayRendering: "正在渲染…",
        blockReasons: .traditionalChinese,
        counts: { chineseCounts($0, traditionalWords) },
        bookCounts: { "核對：\($0) 個數已核對，\($1) 個未核對" },
        printContents: "目錄", printBuilt: "建置於 {date}", printChecked: { "已核對 \($0) 個數，\($1) 個有誤" },
        printDownload: "全書 PDF 版，可列印")

    /// The words around the counts of a chapter's verification line in Chinese.
    struct ChineseCountWords {
        var prefix, checked, computed, restated, wrong, unchecked, formulas, points, expectations, failed: String
    }

    static let simplifiedWords = ChineseCountWords(
        prefix: "本章核对：", checked: "个数已核对", computed: "个算出的", restated: "个复述的输入", wrong: "个有误",
        unchecked: "个未核对", formulas: "个公式，核对了", points: "处", expectations: "次 expect", failed: "次失败")
    static let traditionalWords = ChineseCountWords(
        prefix: "本章核對：", checked: "個數已核對", computed: "個算出的", restated: "個複述的輸入", wrong: "個有誤",
        unchecked: "個未核對", formulas: "個公式，核對了", points: "處", expectations: "次 expect", failed: "次失敗")

    /// `本章核对：18 个数已核对（12 个算出的，6 个复述的输入），2 个未核对；3 个公式，核对了 40 处；5 次 expect`.
    static func chineseCounts(_ coverage: Coverage, _ words: ChineseCountWords) -> String {
        var line = "\(words.prefix)\(coverage.statedChecked) \(words.checked)"
        if coverage.statedChecked > 0 {
            line += "（\(coverage.computedChecked) \(words.computed)，\(coverage.inputsRestated) \(words.restated)）"
        }
        if coverage.statedWrong > 0 { line += "，\(coverage.statedWrong) \(words.wrong)" }
        line += "，\(coverage.uncheckedNumbers) \(words.unchecked)"
        if coverage.formulasChecked > 0 {
            line += "；\(coverage.formulasChecked) \(words.formulas) \(coverage.formulaPoints) \(words.points)"
            if coverage.formulasWrong > 0 { line += "，\(coverage.formulasWrong) \(words.wrong)" }
        }
        if coverage.expectations > 0 {
            line += "；\(coverage.expectations) \(words.expectations)"
            if coverage.expectationsFailed > 0 { line += "，\(coverage.expectationsFailed) \(words.failed)" }
        }
        return line
    }
}
