//! Keeping the server's resident size down: syntax trees are millions of small
//! allocations, made and freed on several threads, which glibc's malloc would keep.

/// Makes all threads share one malloc arena. By default glibc gives threads up to
/// eight arenas per core, and what one thread frees stays in its arena: with trees
/// parsed on the worker's threads and dropped elsewhere, 200 open documents took a
/// third more memory than they held. Called before the runtime starts its threads.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn share_one_arena() {
    // SAFETY: mallopt only sets a tunable of the allocator; no other thread runs yet.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Returns the allocator's free pages to the system, after a burst of documents
/// parsed from scratch whose trees were dropped again.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn release_free() {
    // SAFETY: malloc_trim only walks the allocator's own free lists.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn share_one_arena() {}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_free() {}
