/// A chart's SVG made fit to sit inside report.html beside the others. Inline SVGs share the
/// page's one namespace of ids and one set of style rules: two charts that both define
/// `id="clip"`, or a `<style>` with `text { … }`, would reach into each other and into the
/// page. So each chart sits in its own `<div id>`, its ids, id references and classes get that id as a
/// prefix, and its style rules are scoped to it.
enum InlineSVG {
    static func embedded(_ svg: String, id: String, label: String) -> String {
        var text = svg
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") { text = String(text[end.upperBound...]).trimmingPrefixWhitespace() }
        text = renamed(text, prefix: id)
        text = scopedStyles(text, id: id)
        if let open = text.range(of: "<svg") {
            text.replaceSubrange(open, with: "<svg role=\"img\" aria-label=\"\(HTMLReport.escaped(label, literal: false))\"")
        }
        return "<div class=\"chart\" id=\"\(id)\">\n" + text + (text.hasSuffix("\n") ? "" : "\n") + "</div>\n"
    }

    /// `id="x"` → `id="P-x"`, `url(#x)` → `url(#P-x)`, `href="#x"` → `href="#P-x"`, `class="a b"` → `class="P-a P-b"`.
    /// One pass over the bytes: a chart's SVG has thousands of attributes.
    static func renamed(_ svg: String, prefix: String) -> String {
        let bytes = Array(svg.utf8), prefixed = Array((prefix + "-").utf8)
        let marks = [" id=\"", "url(#", "href=\"#"].map { Array($0.utf8) }, classMark = Array(" class=\"".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        func starts(_ mark: [UInt8], at index: Int) -> Bool {
            index + mark.count <= bytes.count && bytes[index..<index + mark.count].elementsEqual(mark)
        }
        var index = 0
        scan: while index < bytes.count {
            for mark in marks where starts(mark, at: index) {
                out += mark; out += prefixed
                index += mark.count
                continue scan
            }
            if starts(classMark, at: index) {
                out += classMark
                index += classMark.count
                guard let end = bytes[index...].firstIndex(of: UInt8(ascii: "\"")) else { break scan }
                let names = bytes[index..<end].split(separator: UInt8(ascii: " "))
                for (number, name) in names.enumerated() {
                    if number > 0 { out.append(UInt8(ascii: " ")) }
                    out += prefixed; out += name
                }
                index = end
                continue
            }
            out.append(bytes[index])
            index += 1
        }
        if index < bytes.count { out += bytes[index...] }
        return String(decoding: out, as: UTF8.self)
    }

    /// Every rule of each `<style>` element applies inside this chart only, with its class and
    /// id selectors renamed as `renamed` renames the attributes.
    static func scopedStyles(_ svg: String, id: String) -> String {
        var text = svg
        var out = ""
        while let open = text.range(of: "<style"), let close = text.range(of: "</style>", range: open.upperBound..<text.endIndex),
              let tagEnd = text.range(of: ">", range: open.upperBound..<close.lowerBound) {
            out += text[..<tagEnd.upperBound]
            out += scoped(String(text[tagEnd.upperBound..<close.lowerBound]), id: id)
            out += "</style>"
            text = String(text[close.upperBound...])
        }
        return out + text
    }

    /// `a, .b { … }` → `#ID a, #ID .ID-b { … }`; declarations and at-rules' own lines are left as they are.
    static func scoped(_ css: String, id: String) -> String {
        css.components(separatedBy: "}").map { rule in
            guard let brace = rule.firstIndex(of: "{") else { return rule }
            let selectors = rule[..<brace]
            let lead = selectors.prefix { $0.isWhitespace }
            let list = selectors.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !list.isEmpty, !list.hasPrefix("@") else { return rule }
            let scopedList = list.split(separator: ",").map { selector -> String in
                let renamedSelector = renamedSelectors(selector.trimmingCharacters(in: .whitespaces), prefix: id)
                return renamedSelector.hasPrefix(":root") ? "#\(id) svg" : "#\(id) \(renamedSelector)"
            }.joined(separator: ", ")
            return String(lead) + scopedList + " " + rule[brace...]
        }.joined(separator: "}")
    }

    /// `.a` → `.P-a`, `#a` → `#P-a` in a selector.
    static func renamedSelectors(_ selector: String, prefix: String) -> String {
        var out = ""
        var previous: Character = " "
        for character in selector {
            out.append(character)
            if (previous == "." || previous == "#"), character.isLetter || character == "_" || character == "-" {
                out.insert(contentsOf: "\(prefix)-", at: out.index(before: out.endIndex))
            }
            previous = character
        }
        return out
    }
}

private extension String {
    func trimmingPrefixWhitespace() -> String { String(drop { $0.isWhitespace }) }
}
