// Declarations only: LLVMFuzzerRunDriver lives in libFuzzer (linked by -sanitize=fuzzer).
