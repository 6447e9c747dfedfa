import Foundation

/// A small line chart written as SVG text: labelled axes, one colour per series, optional
/// error whiskers, step lines with confidence bands, and a legend. Deterministic output
/// (fixed decimals), readable in grey print (markers differ by shape too).
public struct SVGChart: Sendable {
    public struct Point: Sendable {
        public var x: Double
        public var y: Double
        public var low: Double?
        public var high: Double?

        public init(x: Double, y: Double, low: Double? = nil, high: Double? = nil) {
            self.x = x
            self.y = y
            self.low = low
            self.high = high
        }
    }

    public enum Style: Sendable {
        /// Markers joined by lines, with whiskers from `low` to `high`.
        case markers
        /// A step function (Kaplan–Meier) with a shaded band from `low` to `high`.
        case steps
    }

    public struct Series: Sendable {
        public var name: String
        public var color: String
        public var marker: Int
        public var points: [Point]

        public init(name: String, color: String, marker: Int, points: [Point]) {
            self.name = name
            self.color = color
            self.marker = marker
            self.points = points
        }
    }

    public struct Axis: Sendable {
        public var label: String
        public var range: ClosedRange<Double>
        public var ticks: [(value: Double, label: String)]
        public var logarithmic: Bool

        public init(label: String, range: ClosedRange<Double>, ticks: [(value: Double, label: String)], logarithmic: Bool = false) {
            self.label = label
            self.range = range
            self.ticks = ticks
            self.logarithmic = logarithmic
        }
    }

    public var title: String
    public var subtitle: String
    public var x: Axis
    public var y: Axis
    public var style: Style
    public var series: [Series]
    /// A dashed horizontal line, e.g. the response threshold.
    public var reference: (y: Double, label: String)?

    public init(title: String, subtitle: String, x: Axis, y: Axis, style: Style, series: [Series], reference: (y: Double, label: String)? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.x = x
        self.y = y
        self.style = style
        self.series = series
        self.reference = reference
    }

    /// Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    static let width = 900.0, height = 460.0
    static let left = 72.0, right = 230.0, top = 62.0, bottom = 64.0
    var plotWidth: Double { Self.width - Self.left - Self.right }
    var plotHeight: Double { Self.height - Self.top - Self.bottom }

    func px(_ value: Double) -> Double {
        let v = min(max(value, x.range.lowerBound), x.range.upperBound)
        let fraction = x.logarithmic ? (log10(v) - log10(x.range.lowerBound)) / (log10(x.range.upperBound) - log10(x.range.lowerBound))
                                     : (v - x.range.lowerBound) / (x.range.upperBound - x.range.lowerBound)
        return Self.left + fraction * plotWidth
    }

    func py(_ value: Double) -> Double {
        let v = min(max(value, y.range.lowerBound), y.range.upperBound)
        return Self.top + (1 - (v - y.range.lowerBound) / (y.range.upperBound - y.range.lowerBound)) * plotHeight
    }

    static func n(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 1) }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    public var svg: String {
        let n = Self.n
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(Self.width))" height="\(Int(Self.height))" \
            viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(n(Self.left))" y="24" font-size="16" font-weight="bold">\(Self.escaped(title))</text>
            <text x="\(n(Self.left))" y="44" fill="#444444">\(Self.escaped(subtitle))</text>

            """
        // Grid and ticks.
        for tick in y.ticks {
            let p = py(tick.value)
            out += "<line x1=\"\(n(Self.left))\" y1=\"\(n(p))\" x2=\"\(n(Self.left + plotWidth))\" y2=\"\(n(p))\" stroke=\"#e4e4e4\"/>\n"
            out += "<text x=\"\(n(Self.left - 8))\" y=\"\(n(p + 4))\" text-anchor=\"end\">\(Self.escaped(tick.label))</text>\n"
        }
        for tick in x.ticks {
            let p = px(tick.value)
            out += "<line x1=\"\(n(p))\" y1=\"\(n(Self.top))\" x2=\"\(n(p))\" y2=\"\(n(Self.top + plotHeight))\" stroke=\"#f0f0f0\"/>\n"
            out += "<text x=\"\(n(p))\" y=\"\(n(Self.top + plotHeight + 18))\" text-anchor=\"middle\">\(Self.escaped(tick.label))</text>\n"
        }
        out += "<rect x=\"\(n(Self.left))\" y=\"\(n(Self.top))\" width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\" fill=\"none\" stroke=\"#888888\"/>\n"
        out += "<text x=\"\(n(Self.left + plotWidth / 2))\" y=\"\(n(Self.height - 16))\" text-anchor=\"middle\">\(Self.escaped(x.label))</text>\n"
        let yMid = Self.top + plotHeight / 2
        out += "<text x=\"18\" y=\"\(n(yMid))\" text-anchor=\"middle\" transform=\"rotate(-90 18 \(n(yMid)))\">\(Self.escaped(y.label))</text>\n"
        if let reference {
            let p = py(reference.y)
            out += "<line x1=\"\(n(Self.left))\" y1=\"\(n(p))\" x2=\"\(n(Self.left + plotWidth))\" y2=\"\(n(p))\" stroke=\"#555555\" stroke-dasharray=\"6 4\"/>\n"
        }
        for series in series {
            out += style == .steps ? stepSeries(series) : markerSeries(series)
        }
        out += legend()
        if series.isEmpty {
            out += "<text x=\"\(n(Self.left + plotWidth / 2))\" y=\"\(n(yMid))\" text-anchor=\"middle\" fill=\"#666666\">no data to show</text>\n"
        }
        return out + "</svg>\n"
    }

    func markerSeries(_ series: Series) -> String {
        let n = Self.n
        var out = "<g stroke=\"\(series.color)\" fill=\"\(series.color)\">\n"
        for point in series.points {
            if let low = point.low, let high = point.high {
                let x = px(point.x)
                out += "<line x1=\"\(n(x))\" y1=\"\(n(py(low)))\" x2=\"\(n(x))\" y2=\"\(n(py(high)))\" stroke-width=\"1.2\"/>\n"
                for end in [low, high] {
                    out += "<line x1=\"\(n(x - 3))\" y1=\"\(n(py(end)))\" x2=\"\(n(x + 3))\" y2=\"\(n(py(end)))\" stroke-width=\"1.2\"/>\n"
                }
            }
        }
        if series.points.count > 1 {
            let path = series.points.map { "\(n(px($0.x))),\(n(py($0.y)))" }.joined(separator: " ")
            out += "<polyline points=\"\(path)\" fill=\"none\" stroke-width=\"2\"/>\n"
        }
        for point in series.points { out += marker(series.marker, at: px(point.x), py(point.y)) }
        return out + "</g>\n"
    }

    func stepSeries(_ series: Series) -> String {
        let n = Self.n
        guard let last = series.points.last else { return "" }
        var line: [(Double, Double)] = [], upper: [(Double, Double)] = [], lower: [(Double, Double)] = []
        var previous = (y: y.range.lowerBound, low: y.range.lowerBound, high: y.range.lowerBound)
        for point in series.points {
            line += [(point.x, previous.y), (point.x, point.y)]
            upper += [(point.x, previous.high), (point.x, point.high ?? point.y)]
            lower += [(point.x, previous.low), (point.x, point.low ?? point.y)]
            previous = (point.y, point.low ?? point.y, point.high ?? point.y)
        }
        let end = x.range.upperBound
        if last.x < end {
            line.append((end, previous.y)); upper.append((end, previous.high)); lower.append((end, previous.low))
        }
        let start = [(x.range.lowerBound, y.range.lowerBound)]
        let band = (start + upper + lower.reversed()).map { "\(n(px($0.0))),\(n(py($0.1)))" }.joined(separator: " ")
        let path = (start + line).map { "\(n(px($0.0))),\(n(py($0.1)))" }.joined(separator: " ")
        return """
            <polygon points="\(band)" fill="\(series.color)" fill-opacity="0.09" stroke="none"/>
            <polyline points="\(path)" fill="none" stroke="\(series.color)" stroke-width="2"/>

            """
    }

    /// Circle, square, triangle, diamond, down-triangle, cross: shapes that survive grey print.
    func marker(_ shape: Int, at x: Double, _ y: Double) -> String {
        let n = Self.n, r = 4.0
        switch shape % 6 {
        case 0: return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\"/>\n"
        case 1: return "<rect x=\"\(n(x - r))\" y=\"\(n(y - r))\" width=\"\(n(2 * r))\" height=\"\(n(2 * r))\"/>\n"
        case 2: return "<polygon points=\"\(n(x)),\(n(y - r - 1)) \(n(x + r + 1)),\(n(y + r)) \(n(x - r - 1)),\(n(y + r))\"/>\n"
        case 3: return "<polygon points=\"\(n(x)),\(n(y - r - 1)) \(n(x + r + 1)),\(n(y)) \(n(x)),\(n(y + r + 1)) \(n(x - r - 1)),\(n(y))\"/>\n"
        case 4: return "<polygon points=\"\(n(x - r - 1)),\(n(y - r)) \(n(x + r + 1)),\(n(y - r)) \(n(x)),\(n(y + r + 1))\"/>\n"
        default:
            return "<path d=\"M\(n(x - r)),\(n(y - r)) L\(n(x + r)),\(n(y + r)) M\(n(x - r)),\(n(y + r)) L\(n(x + r)),\(n(y - r))\" stroke-width=\"2\"/>\n"
        }
    }

    func legend() -> String {
        let n = Self.n
        var out = ""
        let x = Self.left + plotWidth + 16
        for (index, series) in series.enumerated() {
            let y = Self.top + 14 + Double(index) * 22
            out += "<g stroke=\"\(series.color)\" fill=\"\(series.color)\">\n"
            out += "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 22))\" y2=\"\(n(y))\" stroke-width=\"2\"/>\n"
            if style == .markers { out += marker(series.marker, at: x + 11, y) }
            out += "</g>\n<text x=\"\(n(x + 28))\" y=\"\(n(y + 4))\">\(Self.escaped(series.name))</text>\n"
        }
        if let reference {
            let y = Self.top + 14 + Double(series.count) * 22 + 8
            out += "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 22))\" y2=\"\(n(y))\" stroke=\"#555555\" stroke-dasharray=\"6 4\"/>\n"
            out += "<text x=\"\(n(x + 28))\" y=\"\(n(y + 4))\" fill=\"#555555\">\(Self.escaped(reference.label))</text>\n"
        }
        return out
    }
}
