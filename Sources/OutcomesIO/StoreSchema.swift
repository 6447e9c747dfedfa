/// The database schema as an ordered list of migrations. A migration that has shipped is
/// never edited: a change is a new migration appended at the end. `PRAGMA user_version`
/// records how many have run. docs/database.md describes every table.
enum StoreSchema {
    static let migrations: [String] = [
        ingestTables,  // 1
        analysisTables,  // 2
        runControl,  // 3
        curvePointsCarryTheirCourse,  // 4
        sourceFileStatusFromCounts,  // 5
        courseInstrumentCarriesItsCourse,  // 6
        unreadableFilesAndContentCheck,  // 7
        dictionaryFiles,  // 8
        afterRelief,  // 9
        flaggedRowPatient,  // 10
        ingestChangedFlag,  // 11
        packedFollowUpsAndCurvePoints,  // 12
    ]
}
