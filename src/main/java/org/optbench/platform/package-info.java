/**
 * Which ND4J native build suits this machine, decided in plain Java before ND4J loads, and the C
 * allocator settings its native code trains with.
 *
 * <p>{@code nd4j-native} ships one jar per operating system, architecture and instruction set
 * ({@code linux-x86_64-onednn-avx2}, {@code macosx-arm64}, ...). The build picks one through
 * Maven profiles (see the README's Platforms section); this package names the build for an
 * operating system, architecture and set of CPU flags ({@link org.optbench.platform.NativesBuild}),
 * reads the CPU's flags ({@link org.optbench.platform.CpuFlags}), and refuses, with one line
 * naming the build to use, to start ND4J on a CPU that cannot run the build on the class path
 * ({@link org.optbench.platform.NativesCheck}): ND4J itself would end the process from inside
 * its factory with {@code System.exit(1)}. {@link org.optbench.platform.CAllocator} holds the glibc
 * {@code malloc} settings that keep native memory between training steps, which every JVM
 * optbench starts is given. Nothing here touches ND4J.
 */
package org.optbench.platform;
