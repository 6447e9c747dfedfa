import Testing
@testable import OutcomesCore

/// A chart's ids, id references and classes take its prefix, and nothing else changes.
struct InlineSVGTests {
    @Test(arguments: [
        (##"<g id="a"><use href="#a"/></g>"##, ##"<g id="P-a"><use href="#P-a"/></g>"##),
        (##"<rect clip-path="url(#c)" class="bar  low"/>"##, ##"<rect clip-path="url(#P-c)" class="P-bar P-low"/>"##),
        (##"<use xlink:href="#m"/><g class="">"##, ##"<use xlink:href="#P-m"/><g class="">"##),
        (##"<text>id="x" stays, for it has no space before</text>"##, ##"<text>id="x" stays, for it has no space before</text>"##),
        (##"<g class="open"##, ##"<g class="open"##),
        ("<text>é — ünïcode</text>", "<text>é — ünïcode</text>"),
    ])
    func renamesIdsReferencesAndClasses(svg: String, expected: String) {
        #expect(InlineSVG.renamed(svg, prefix: "P") == expected)
    }
}
