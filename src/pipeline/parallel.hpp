// Running independent jobs on several threads with results kept in input order.
#pragma once

#include <cstddef>
#include <functional>

namespace toponym {

// The number of worker threads for `requested` (0 = one per hardware thread), never more than
// `jobs` and at least 1.
unsigned worker_count(unsigned requested, std::size_t jobs);

// Calls `job(i)` for every i in [0, count) on `threads` worker threads (0 = hardware
// concurrency); jobs are taken in order, each exactly once. `job` must only write state owned
// by index i (e.g. results[i]), so that output order is input order whatever the timing.
// While the workers run, the calling thread calls `progress(done, count)` about ten times a
// second and once at the end (it may print: it is always called on the calling thread).
// The first exception a job throws stops the taking of new jobs and is rethrown here once
// every worker has stopped.
void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& job,
                  const std::function<void(std::size_t, std::size_t)>& progress = {});

// Like parallel_for, but the calling thread also consumes the results while the workers run:
// `consume(i)` is called on the calling thread for i = 0, 1, ... in order, each as soon as
// `job(i)` has returned (so that writing output overlaps computing it). `consume(i)` may read
// what job(i) wrote. The first exception of a job or of `consume` stops the taking of new jobs
// and is rethrown here once every worker has stopped.
void parallel_for_ordered(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& job,
                          const std::function<void(std::size_t)>& consume);

}  // namespace toponym
