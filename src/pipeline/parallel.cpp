// A small thread pool over an index range: an atomic counter hands out jobs in order.
#include "pipeline/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace toponym {

unsigned worker_count(unsigned requested, std::size_t jobs) {
    unsigned n = requested != 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
    if (jobs < n) n = static_cast<unsigned>(std::max<std::size_t>(jobs, 1));
    return n;
}

void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& job,
                  const std::function<void(std::size_t, std::size_t)>& progress) {
    const unsigned n = worker_count(threads, count);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex mutex;  // guards `failure` and wakes the calling thread
    std::condition_variable changed;

    auto work = [&] {
        for (std::size_t i = next++; i < count && !stop; i = next++) {
            try {
                job(i);
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!failure) failure = std::current_exception();
                stop = true;
            }
            ++done;
        }
        std::lock_guard lock(mutex);  // the calling thread checks `done` under the lock
        changed.notify_one();
    };

    if (n == 1 && !progress) {
        work();  // no thread needed
    } else {
        std::vector<std::jthread> workers;
        workers.reserve(n);
        for (unsigned t = 0; t < n; ++t) workers.emplace_back(work);
        std::unique_lock lock(mutex);
        while (done < count && !stop) {
            changed.wait_for(lock, std::chrono::milliseconds(100));
            if (done >= count || stop) break;
            if (progress && !stop) {
                lock.unlock();
                progress(done, count);
                lock.lock();
            }
        }
        lock.unlock();
        workers.clear();  // joins
    }
    if (failure) std::rethrow_exception(failure);
    if (progress) progress(count, count);
}

void parallel_for_ordered(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& job,
                          const std::function<void(std::size_t)>& consume) {
    const unsigned n = worker_count(threads, count);
    std::vector<std::atomic<bool>> finished(count);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> awaited{0};  // the index the calling thread waits for
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex mutex;  // guards `failure`; wakes the calling thread
    std::condition_variable changed;
    auto fail = [&](std::exception_ptr e) {
        std::lock_guard lock(mutex);
        if (!failure) failure = e;
        stop = true;
        changed.notify_one();
    };

    auto work = [&] {
        for (std::size_t i = next++; i < count && !stop; i = next++) {
            try {
                job(i);
            } catch (...) {
                fail(std::current_exception());
                return;
            }
            finished[i] = true;  // sequentially consistent with `awaited`: one side always sees the other
            if (awaited.load() == i) {
                std::lock_guard lock(mutex);  // the calling thread checks `finished` under the lock
                changed.notify_one();
            }
        }
    };

    {
        std::vector<std::jthread> workers;
        workers.reserve(n);
        for (unsigned t = 0; t < n; ++t) workers.emplace_back(work);
        for (std::size_t i = 0; i < count && !stop; ++i) {
            if (!finished[i]) {
                awaited = i;
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return stop || finished[i]; });
                if (!finished[i]) break;
            }
            try {
                consume(i);
            } catch (...) {
                fail(std::current_exception());
            }
        }
        stop = true;  // after a failure: no new jobs (workers finish the one they hold)
    }  // joins
    if (failure) std::rethrow_exception(failure);
}

}  // namespace toponym
