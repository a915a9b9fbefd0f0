// jemalloc reads this string when it starts, before main (see `man jemalloc`, "TUNING"); the
// MALLOC_CONF environment variable is read after it and wins, so any setting can still be
// changed for one run (`MALLOC_CONF=thp:default kortompedia build`).
//
// thp:always: jemalloc asks for transparent huge pages (madvise(MADV_HUGEPAGE)) for the memory
// it maps. A build touches about a gigabyte of fresh memory at 10,000 articles; in 4 KB pages
// that was some 300,000 page faults, about 7% of a build's CPU time in the kernel, and with
// 2 MB pages it is under 20,000. Where the kernel's transparent huge pages are `never` this
// changes nothing. See README, "The code".
#if defined(__linux__)
const char *malloc_conf = "thp:always";
#endif
