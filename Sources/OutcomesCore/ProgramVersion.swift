/// The program's version: shown by `--version`, written into reports (and, later, manifests).
public enum ProgramVersion {
    public static let string = "0.2.0"
}
