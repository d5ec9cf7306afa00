#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import CO2eKit

// A closed standard output or error must not be reused by the next open() (co2e would print
// into a file it reads or writes): hold them with /dev/null and remember they were closed.
var closedStreams: [Int32] = []
for fd: Int32 in [0, 1, 2] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
    let null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
    if null >= 0 && null != fd { dup2(null, fd); close(null) }
    closedStreams.append(fd)
}
if closedStreams.contains(1) { Console.failedWrite = ("standard output", "it is closed") }

let arguments = Array(CommandLine.arguments.dropFirst())
var code = CLI.run(arguments)
// Output that could not be written is an error, whatever the command did.
if let failed = Console.failedWrite, !(failed.stream == "standard error" && code != 0) {
    let error = CO2eError.data("cannot write to \(failed.stream): \(failed.reason)", code: .writeFailed, file: nil)
    let failedCode = CLI.fail(error, .standard, json: arguments.contains("--json"))
    if code == 0 { code = failedCode }
}
exit(code)
