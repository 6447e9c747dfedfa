import TestSupport
import Foundation
import Testing
@testable import OutcomesIO

/// Text goes into SQLite and comes back by its byte length: a NUL inside it is kept whole.
@Suite struct SQLiteTextTests {
    let folder = TemporaryFolder()

    @Test func aNULInsideTextIsStoredAndReadWhole() throws {
        let db = try SQLiteDatabase(path: folder.path + "/t.sqlite")
        try db.execute("CREATE TABLE t(v TEXT)")
        let value = "unknown instrument 'GAD\u{0}-7'; é"
        try db.prepare("INSERT INTO t VALUES (?)").run([.text(value)])
        let insert = try db.prepare("INSERT INTO t VALUES (?)")
        insert.bind(1, value)
        try insert.execute()
        #expect(try db.prepare("SELECT v FROM t").rows { $0.text(0) } == [value, value])
        #expect(try db.scalar("SELECT count(*) FROM t WHERE length(CAST(v AS BLOB)) = \(value.utf8.count)") == 2)
    }

    @Test(arguments: [
        (11 as Int32, "database disk image is malformed",
         "the database /x/o.sqlite is damaged (SQLite: database disk image is malformed); restore it from a backup or move it away to start a new one"),
        (26, "file is not a database",
         "the database /x/o.sqlite is damaged (SQLite: file is not a database); restore it from a backup or move it away to start a new one"),
        (13, "database or disk is full",
         "the disk holding the database /x/o.sqlite is full (SQLite: database or disk is full); free some space and run again"),
        (14, "unable to open database file",
         "cannot open or write the database /x/o.sqlite (SQLite: unable to open database file); check that its folder exists and that this user may write it"),
        (10 | (2 << 8), "disk I/O error",
         "reading or writing the database /x/o.sqlite failed (SQLite: disk I/O error); check the disk and its mount"),
        (5, "database is locked",
         "the database /x/o.sqlite is busy (SQLite: database is locked); another program holds it: try again later"),
        (1, "no such table: curve_point", "the database /x/o.sqlite reported an error (SQLite: no such table: curve_point)"),
    ] as [(Int32, String, String)])
    func errorsNameTheDatabaseAndWhatToDo(code: Int32, message: String, sentence: String) {
        #expect(SQLiteError(code: code, message: message, path: "/x/o.sqlite").description == sentence)
    }

    @Test func anErrorFromAConnectionNamesItsFile() throws {
        let path = folder.path + "/t.sqlite"
        let db = try SQLiteDatabase(path: path)
        #expect(throws: SQLiteError.self) { try db.execute("SELECT * FROM nowhere") }
        do {
            try db.execute("SELECT * FROM nowhere")
        } catch let error as SQLiteError {
            #expect(error.description == "the database \(path) reported an error (SQLite: no such table: nowhere)")
        }
    }
}
