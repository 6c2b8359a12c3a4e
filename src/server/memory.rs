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

/// For `check`, before its threads start: large blocks (a file's text, a query
/// compile's tables) stay in the heap to be used again, rather than being mapped and
/// unmapped one by one. Unmapping memory that two threads have touched costs both
/// cores a TLB flush, and each fresh page a fault: a twentieth of a run over a large
/// tree. Nothing is given back to the system until the run ends.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn keep_large_blocks() {
    // SAFETY: mallopt only sets tunables of the allocator.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 1 << 30);
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn share_one_arena() {}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn keep_large_blocks() {}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_free() {}
