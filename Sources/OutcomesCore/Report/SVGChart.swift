import Foundation

/// A small line chart written as SVG text: labelled axes, one colour per series, optional
/// error whiskers, step lines with confidence bands, and a legend. Deterministic output
/// (fixed decimals), readable in grey print (markers differ by shape too).
///
/// Honest about small numbers: a marker's area grows with the courses its point rests on,
/// a point on fewer than `minCourses` is hollow, labelled with its n and joined to nothing,
/// a line joins only neighbouring slots (no segment over an empty bin or session), and a
/// whisker cut by the plot's edge ends in an arrow head there instead of a cap.
public struct SVGChart: Sendable {
    public struct Point: Sendable {
        public var x: Double
        public var y: Double
        public var low: Double?
        public var high: Double?
        /// The courses the point rests on (marker charts): sets the marker's area.
        public var courses: Int?
        /// The point's bin or session number: a line joins a point only to the one in the
        /// next slot, so an empty or withheld slot between them is a gap.
        public var slot: Int?
        /// Text beside the marker (a funnel plot names the sites outside its limits).
        public var label: String?

        public init(x: Double, y: Double, low: Double? = nil, high: Double? = nil, courses: Int? = nil, slot: Int? = nil,
                    label: String? = nil) {
            self.label = label
            self.x = x
            self.y = y
            self.low = low
            self.high = high
            self.courses = courses
            self.slot = slot
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
        /// With the markers style: whether points are joined by a line, and whether each has a
        /// marker (a funnel plot's sites are markers alone, its limits lines alone).
        public var joined: Bool
        public var markers: Bool

        public init(name: String, color: String, marker: Int, points: [Point], joined: Bool = true, markers: Bool = true) {
            self.name = name
            self.color = color
            self.marker = marker
            self.points = points
            self.joined = joined
            self.markers = markers
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
    /// Points resting on fewer courses are drawn hollow and not joined (`[report] chart_min_courses`).
    public var minCourses: Int
    /// What the plot says when it has no series: why nothing is drawn.
    public var emptyMessage: String
    /// Sentences under the legend, e.g. which routes are withheld.
    public var notes: [String]

    public init(title: String, subtitle: String, x: Axis, y: Axis, style: Style, series: [Series], reference: (y: Double, label: String)? = nil,
                minCourses: Int = 1, emptyMessage: String = "no data to show", notes: [String] = []) {
        self.title = title
        self.subtitle = subtitle
        self.x = x
        self.y = y
        self.style = style
        self.series = series
        self.reference = reference
        self.minCourses = minCourses
        self.emptyMessage = emptyMessage
        self.notes = notes
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
        // An empty plot carries its message alone, with no line it would seem to belong to.
        if let reference, !series.isEmpty {
            let p = py(reference.y)
            out += "<line x1=\"\(n(Self.left))\" y1=\"\(n(p))\" x2=\"\(n(Self.left + plotWidth))\" y2=\"\(n(p))\" stroke=\"#555555\" stroke-dasharray=\"6 4\"/>\n"
        }
        for series in series {
            out += style == .steps ? stepSeries(series) : markerSeries(series)
        }
        out += legend()
        if series.isEmpty {
            let lines = Self.wrapped(emptyMessage, width: 70)
            for (index, line) in lines.enumerated() {
                let y = yMid + (Double(index) - Double(lines.count - 1) / 2) * 17
                out += "<text x=\"\(n(Self.left + plotWidth / 2))\" y=\"\(n(y))\" text-anchor=\"middle\" fill=\"#666666\" font-size=\"13\">\(Self.escaped(line))</text>\n"
            }
        }
        return out + "</svg>\n"
    }

    /// The largest n of the chart's points: its marker has the largest area.
    var largestCourses: Int { series.flatMap(\.points).compactMap(\.courses).max() ?? 1 }

    static let largestRadius = 9.0, smallestRadius = 3.5

    /// A marker's radius: area in proportion to the point's courses against the chart's
    /// largest, never below a readable 3.5 px; 4 px when the point carries no count.
    func radius(_ courses: Int?) -> Double {
        guard let courses else { return 4 }
        return max(Self.smallestRadius, Self.largestRadius * (Double(courses) / Double(max(1, largestCourses))).squareRoot())
    }

    func isHollow(_ point: Point) -> Bool { (point.courses ?? Int.max) < minCourses }

    /// Whether a line joins `a` to the next point `b`: both solid and in neighbouring slots.
    func joins(_ a: Point, _ b: Point) -> Bool {
        guard !isHollow(a), !isHollow(b) else { return false }
        switch (a.slot, b.slot) {
        case (nil, nil): return true
        case let (i?, j?): return j == i + 1
        default: return false
        }
    }

    /// Runs of points a line joins, in order; a run of one point gets no line.
    func joinedRuns(_ points: [Point]) -> [[Point]] {
        var runs: [[Point]] = []
        for point in points {
            if let last = runs.last?.last, joins(last, point) { runs[runs.count - 1].append(point) } else { runs.append([point]) }
        }
        return runs
    }

    func markerSeries(_ series: Series) -> String {
        let n = Self.n
        var out = "<g stroke=\"\(series.color)\" fill=\"\(series.color)\">\n"
        for point in series.points {
            guard let low = point.low, let high = point.high else { continue }
            let whisker = whisker(x: px(point.x), low: low, high: high, gap: isHollow(point) ? (py(point.y), radius(point.courses) + 1.5) : nil)
            // A few courses' interval spans most of the chart: drawn pale, so it does not outweigh the solid points.
            out += isHollow(point) ? "<g stroke-opacity=\"0.4\" fill-opacity=\"0.4\">\n" + whisker + "</g>\n" : whisker
        }
        for run in joinedRuns(series.points) where run.count > 1 && series.joined {
            let path = run.map { "\(n(px($0.x))),\(n(py($0.y)))" }.joined(separator: " ")
            out += "<polyline points=\"\(path)\" fill=\"none\" stroke-width=\"2\"/>\n"
        }
        for point in series.points where series.markers {
            let x = px(point.x), y = py(point.y), r = radius(point.courses)
            out += marker(series.marker, at: x, y, radius: r, hollow: isHollow(point))
            if isHollow(point), let courses = point.courses {
                // Above the marker, or below it for every other route, so neighbours' labels do not collide.
                let labelY = series.marker % 2 == 0 ? y - r - 2 : y + r + 9
                out += "<text x=\"\(n(x + r + 3))\" y=\"\(n(labelY))\" font-size=\"10\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">n=\(courses)</text>\n"
            } else if let label = point.label {
                out += "<text x=\"\(n(x + r + 3))\" y=\"\(n(y - r - 2))\" font-size=\"11\" fill=\"#222222\" stroke=\"#ffffff\" "
                    + "stroke-width=\"3\" paint-order=\"stroke\">\(Self.escaped(label))</text>\n"
            }
        }
        return out + "</g>\n"
    }

    /// A 95 % CI whisker at `x` from `low` to `high`: a flat cap at each end inside the plot,
    /// an arrow head at the plot's edge where the interval goes beyond it. `gap` leaves the
    /// inside of a hollow marker (its centre y and radius) clear.
    func whisker(x: Double, low: Double, high: Double, gap: (y: Double, radius: Double)?) -> String {
        let n = Self.n
        let top = py(high), bottom = py(low)
        var out = ""
        if let gap, gap.y - gap.radius > top || gap.y + gap.radius < bottom {
            if gap.y - gap.radius > top {
                out += "<line x1=\"\(n(x))\" y1=\"\(n(top))\" x2=\"\(n(x))\" y2=\"\(n(gap.y - gap.radius))\" stroke-width=\"1.2\"/>\n"
            }
            if gap.y + gap.radius < bottom {
                out += "<line x1=\"\(n(x))\" y1=\"\(n(gap.y + gap.radius))\" x2=\"\(n(x))\" y2=\"\(n(bottom))\" stroke-width=\"1.2\"/>\n"
            }
        } else if gap == nil {
            out += "<line x1=\"\(n(x))\" y1=\"\(n(top))\" x2=\"\(n(x))\" y2=\"\(n(bottom))\" stroke-width=\"1.2\"/>\n"
        }
        for (end, cut, outward) in [(top, high > y.range.upperBound, -1.0), (bottom, low < y.range.lowerBound, 1.0)] {
            if cut {
                // Points outward, its tip on the edge: the interval goes on beyond the chart.
                out += "<polygon points=\"\(n(x - 4)),\(n(end - outward * 7)) \(n(x + 4)),\(n(end - outward * 7)) \(n(x)),\(n(end))\" stroke=\"none\"/>\n"
            } else {
                out += "<line x1=\"\(n(x - 3))\" y1=\"\(n(end))\" x2=\"\(n(x + 3))\" y2=\"\(n(end))\" stroke-width=\"1.2\"/>\n"
            }
        }
        return out
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
    /// Of about equal area at one radius; hollow: outline only (fill none).
    func marker(_ shape: Int, at x: Double, _ y: Double, radius r: Double = 4, hollow: Bool = false) -> String {
        let n = Self.n, t = r * 1.25
        let paint = hollow ? " fill=\"none\" stroke-width=\"1.5\"" : ""
        switch shape % 6 {
        case 0: return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\"\(paint)/>\n"
        case 1: return "<rect x=\"\(n(x - r * 0.9))\" y=\"\(n(y - r * 0.9))\" width=\"\(n(1.8 * r))\" height=\"\(n(1.8 * r))\"\(paint)/>\n"
        case 2: return "<polygon points=\"\(n(x)),\(n(y - t)) \(n(x + t)),\(n(y + r * 0.9)) \(n(x - t)),\(n(y + r * 0.9))\"\(paint)/>\n"
        case 3: return "<polygon points=\"\(n(x)),\(n(y - t)) \(n(x + t)),\(n(y)) \(n(x)),\(n(y + t)) \(n(x - t)),\(n(y))\"\(paint)/>\n"
        case 4: return "<polygon points=\"\(n(x - t)),\(n(y - r * 0.9)) \(n(x + t)),\(n(y - r * 0.9)) \(n(x)),\(n(y + t))\"\(paint)/>\n"
        default:
            // A cross has no inside: hollow, it is drawn thin (and labelled with its n).
            return "<path d=\"M\(n(x - r)),\(n(y - r)) L\(n(x + r)),\(n(y + r)) M\(n(x - r)),\(n(y + r)) L\(n(x + r)),\(n(y - r))\" "
                + "stroke-width=\"\(hollow ? "1" : "2")\"\(hollow ? " fill=\"none\"" : "")/>\n"
        }
    }

    /// Nice sample sizes for the marker-size key: the chart's largest n and about a quarter of it.
    var sizeKey: [Int] {
        let largest = largestCourses
        let quarter = Self.roundedDown(largest / 4)
        return quarter >= max(minCourses, 1) && quarter < largest ? [quarter, largest] : [largest]
    }

    /// 1, 2 or 5 × 10^k at or below `value` (at least 1).
    static func roundedDown(_ value: Int) -> Int {
        guard value > 1 else { return 1 }
        var scale = 1
        while scale * 10 <= value { scale *= 10 }
        return [5, 2, 1].map { $0 * scale }.first { $0 <= value }!
    }

    /// Words of `text` in lines of at most `width` characters (a longer word gets a line of its
    /// own); a newline in `text` always starts a line.
    static func wrapped(_ text: String, width: Int) -> [String] {
        text.split(separator: "\n").flatMap { paragraph in
            var lines: [String] = []
            for word in paragraph.split(separator: " ") {
                if let last = lines.last, last.count + 1 + word.count <= width { lines[lines.count - 1] += " " + word } else { lines.append(String(word)) }
            }
            return lines
        }
    }

    func legend() -> String {
        let n = Self.n
        var out = ""
        let x = Self.left + plotWidth + 16
        var y = Self.top + 14
        // A series without a name (the second line of a pair) has no entry of its own.
        for series in series where !series.name.isEmpty {
            out += "<g stroke=\"\(series.color)\" fill=\"\(series.color)\">\n"
            if series.joined { out += "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 22))\" y2=\"\(n(y))\" stroke-width=\"2\"/>\n" }
            if style == .markers, series.markers { out += marker(series.marker, at: x + 11, y) }
            out += "</g>\n<text x=\"\(n(x + 28))\" y=\"\(n(y + 4))\">\(Self.escaped(series.name))</text>\n"
            y += 22
        }
        if let reference, !series.isEmpty {
            y += 8
            out += "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 22))\" y2=\"\(n(y))\" stroke=\"#555555\" stroke-dasharray=\"6 4\"/>\n"
            out += "<text x=\"\(n(x + 28))\" y=\"\(n(y + 4))\" fill=\"#555555\">\(Self.escaped(reference.label))</text>\n"
            y += 22
        }
        if style == .markers, !series.isEmpty {
            // What a marker's size and fill say, in grey so it reads as a key, not a series.
            y += 8
            out += "<text x=\"\(n(x))\" y=\"\(n(y + 4))\" fill=\"#555555\">marker area: courses (n)</text>\n"
            y += 22
            var keyX = x + Self.largestRadius
            for courses in sizeKey {
                let r = radius(courses)
                out += "<circle cx=\"\(n(keyX))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"#777777\"/>\n"
                out += "<text x=\"\(n(keyX + r + 4))\" y=\"\(n(y + 4))\" fill=\"#555555\">n=\(courses)</text>\n"
                keyX += 70
            }
            y += 22
            if series.contains(where: { $0.points.contains(where: isHollow) }) {
                out += "<circle cx=\"\(n(x + Self.largestRadius))\" cy=\"\(n(y))\" r=\"\(n(Self.smallestRadius + 1))\" fill=\"none\" stroke=\"#777777\" stroke-width=\"1.5\"/>\n"
                for line in Self.wrapped("fewer than \(minCourses) courses: hollow, pale whiskers, not joined", width: 30) {
                    out += "<text x=\"\(n(x + 2 * Self.largestRadius + 4))\" y=\"\(n(y + 4))\" fill=\"#555555\">\(Self.escaped(line))</text>\n"
                    y += 15
                }
                y += 7
            }
        }
        for note in notes {
            y += 8
            for line in Self.wrapped(note, width: 34) {
                out += "<text x=\"\(n(x))\" y=\"\(n(y + 4))\" fill=\"#555555\" font-size=\"11\">\(Self.escaped(line))</text>\n"
                y += 14
            }
        }
        return out
    }
}
