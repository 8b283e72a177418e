# Sourced by bench/compare.sh and bench/train_compare.sh: the glibc malloc settings that keep freed memory in the
# process, for PyTorch. On some virtual machines the page faults of memory glibc hands back to the kernel and takes
# again cost PyTorch most of its time (ResNet-50 inference, batch 8: 933 ms, 331 ms with these settings); PyTorch's
# own advice is another allocator (jemalloc, tcmalloc), which does the same. See docs/performance.md.
MALLOC_KEEP=(MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=68719476736 MALLOC_TOP_PAD_=268435456)
