// Package search is hitori's Japanese-first full-text search engine.
//
// It keeps one in-memory index of its own so that results are identical
// whichever SQL store feeds it (SQLite or PostgreSQL, in any order): the
// store calls Put on start and on every change, and Delete when a record
// goes away. Put and Search may be called from many goroutines.
//
// All language work happens in Go without a morphological dictionary, to
// stay within the memory budget:
//
//   - Normalize folds width (NFKC: ﾊﾟｽﾜｰﾄﾞ, ＶＰＮ), case, hiragana to
//     katakana, small vowels and ヴ, and drops prolonged sound marks after
//     kana, so プリンター, プリンタ and ぷりんた compare equal.
//   - Kanji and kana runs are cut into character bigrams plus kanji unigrams
//     (so 1- and 2-character queries work); Latin and digit runs into words,
//     hyphenated words also joined (Wi-Fi finds wifi), 20MB also split.
//   - Questions lose the set phrases of business mail before analysis
//     (お疲れ様です, 営業部の佐藤です, よろしくお願いします).
//   - Documents are ranked with BM25F over title, tags+category and body,
//     each kind with its own length normalisation and the searched kinds'
//     IDF. Query terms are weighted by shape: grammar kana (です, ません) and
//     particles are dropped, okurigana and kana count less, and the stem of
//     an inflected word (遅くて) still matches 遅い.
//   - A query is a list of clauses; admin-editable synonyms (ParseSynonyms)
//     and guesses for mistyped or unfinished Latin words become alternative
//     wordings of a clause, and a document scores the best wording, never
//     the sum. The exact pass re-ranks candidates by how much of the
//     question's IDF-weighted content they cover.
//
// Answer builds a grounded chat reply from the best article's most relevant
// passage, asks a clarifying question when two articles compete, and
// abstains when nothing fits. Evaluate measures both against a labelled
// question set (ReadQueriesTSV).
package search
