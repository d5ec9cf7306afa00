#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Answers kept for the life of the process, by key, behind a mutex: for lookups into data that
/// cannot change while co2e runs (the bundled tables), so a long-lived process (`co2e serve`)
/// reads a table's rows once per key, not once per request. A failed lookup is not kept.
package final class Memo<Value>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var values: [String: Value] = [:]
    /// Answers kept at most; past it, lookups are made and not kept (memory stays bounded
    /// whatever keys a caller sends).
    package let limit: Int

    package init(limit: Int = 4_096) {
        self.limit = limit
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// The value kept for `key`, else `make()`'s (kept when it returns and there is room).
    package func value(_ key: String, _ make: () throws -> Value) rethrows -> Value {
        pthread_mutex_lock(mutex)
        let known = values[key]
        pthread_mutex_unlock(mutex)
        if let known { return known }
        let made = try make()
        pthread_mutex_lock(mutex)
        if values.count < limit { values[key] = made }
        pthread_mutex_unlock(mutex)
        return made
    }
}
