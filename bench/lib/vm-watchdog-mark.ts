/**
 * Set on globalThis by bench/lib/without-vm-watchdog.ts once it has taken the vm timeouts away, and read
 * by bench/lib/harness.ts, which cannot import the preload itself without patching vm in every bench.
 */
export const WITHOUT_VM_WATCHDOG = Symbol.for('ngk.bench.withoutVmWatchdog');
