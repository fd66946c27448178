import Testing

/// Records an issue for every corpus file that has no line, or more than one, among the
/// expectations, and for every line that names no file of the corpus.
func expectOneToOne(files: [String], expectationFiles: [String]) {
  var seen: Set<String> = []
  for file in expectationFiles where !seen.insert(file).inserted {
    Issue.record("expectations.tsv has more than one line for \(file)")
  }
  let fileSet = Set(files)
  for file in files where !seen.contains(file) {
    Issue.record("\(file) has no line in expectations.tsv")
  }
  for file in seen.sorted() where !fileSet.contains(file) {
    Issue.record("expectations.tsv names \(file), which is not in the corpus")
  }
}
