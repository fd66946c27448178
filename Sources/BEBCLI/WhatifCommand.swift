import BEBCheck
import Foundation

extension BEB {
  /// `beb whatif`: not implemented yet.
  static func whatif(_ arguments: [String], in directory: String?) -> Outcome {
    Outcome(
      status: 2, stdout: "",
      stderr: "beb: error: unsupported: 'beb whatif' is not implemented yet\n")
  }
}
