package org.optbench.dl4j;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.io.File;
import java.io.IOException;
import java.util.Optional;

/**
 * oneDNN 3.3, a second oneDNN beside the 2.3 inside ND4J's natives, called through its C API
 * with JNA; optbench uses it for max pooling only ({@link OneDnnMaxPooling}).
 *
 * <p>Why: oneDNN pools quickly only in its blocked layout ({@code nChw8c}), which ND4J's ops do
 * not expose, and oneDNN 2.3 and 2.5 are slow even there on an AVX2 CPU; 3.3's JIT kernels took
 * 1.2 ms (forward) and 2.1 ms (backward) where 2.5's took 8.5 and 6.2 for mnist-2c2d's first
 * pooling layer at batch 128 on one core (docs/PERFORMANCE.md). The library comes from the
 * natives jar of JavaCPP's preset {@code org.bytedeco:dnnl:3.3.4-1.5.10} (with
 * {@code libgomp.so.1}, and {@code libOpenCL.so.1} from {@code org.bytedeco:opencl}, which
 * {@code libdnnl.so.3} needs to load). Their JavaCPP bindings are not used: they need JavaCPP
 * 1.5.10, and ND4J 1.0.0-M2.1 runs on 1.5.7. JavaCPP's own cache unpacks the files, as it does
 * ND4J's.
 *
 * <p>Available on Linux x86-64 only; elsewhere, or if loading fails, {@link #api()} is empty and
 * {@link #status()} says why.
 */
final class OneDnn3 {
  private OneDnn3() {}

  /** Where the natives jars keep the libraries, for this platform. */
  private static final String DNNL = "org/bytedeco/dnnl/linux-x86_64/";
  private static final String OPENCL = "org/bytedeco/opencl/linux-x86_64/";

  // Values from oneDNN 3.3's dnnl_types.h and dnnl_common_types.h.
  static final int SUCCESS = 0;
  static final int ENGINE_CPU = 1;
  static final int F32 = 3;
  static final int TAG_NCHW = 5;
  static final int TAG_NCHW8C = 102;
  static final int FORWARD_TRAINING = 64;
  static final int FORWARD_INFERENCE = 96;
  static final int POOLING_MAX = 0x1ff;
  static final int QUERY_IMPL_INFO_STR = 8;
  static final int QUERY_WORKSPACE_MD = 135;
  static final int ARG_SRC = 1;
  static final int ARG_DST = 17;
  static final int ARG_WORKSPACE = 64;
  static final int ARG_DIFF_SRC = 129;
  static final int ARG_DIFF_DST = 145;
  /** {@code DNNL_MEMORY_ALLOCATE}: the library allocates the buffer. */
  static final Pointer ALLOCATE = new Pointer(-1L);

  /** The functions used, as oneDNN 3.3's {@code dnnl.h} declares them; each returns a status. */
  interface Api extends Library {
    int dnnl_engine_create(PointerByReference engine, int kind, long index);

    int dnnl_stream_create(PointerByReference stream, Pointer engine, int flags);

    int dnnl_stream_wait(Pointer stream);

    int dnnl_stream_destroy(Pointer stream);

    int dnnl_memory_desc_create_with_tag(PointerByReference desc, int ndims, long[] dims,
        int dataType, int tag);

    int dnnl_memory_desc_destroy(Pointer desc);

    int dnnl_pooling_forward_primitive_desc_create(PointerByReference pd, Pointer engine,
        int propKind, int algorithm, Pointer srcDesc, Pointer dstDesc, long[] strides,
        long[] kernel, long[] dilation, long[] paddingLeft, long[] paddingRight, Pointer attr);

    int dnnl_pooling_backward_primitive_desc_create(PointerByReference pd, Pointer engine,
        int algorithm, Pointer diffSrcDesc, Pointer diffDstDesc, long[] strides, long[] kernel,
        long[] dilation, long[] paddingLeft, long[] paddingRight, Pointer hintForwardPd,
        Pointer attr);

    int dnnl_reorder_primitive_desc_create(PointerByReference pd, Pointer srcDesc,
        Pointer srcEngine, Pointer dstDesc, Pointer dstEngine, Pointer attr);

    Pointer dnnl_primitive_desc_query_md(Pointer pd, int what, int index);

    int dnnl_primitive_desc_query(Pointer pd, int what, int index, PointerByReference result);

    int dnnl_primitive_desc_destroy(Pointer pd);

    int dnnl_primitive_create(PointerByReference primitive, Pointer pd);

    int dnnl_primitive_execute(Pointer primitive, Pointer stream, int nargs, Pointer args);

    int dnnl_primitive_destroy(Pointer primitive);

    int dnnl_memory_create(PointerByReference memory, Pointer desc, Pointer engine,
        Pointer handle);

    int dnnl_memory_set_data_handle(Pointer memory, Pointer handle);

    int dnnl_memory_destroy(Pointer memory);

    Pointer dnnl_version();
  }

  /** The loaded library and its CPU engine, or why there is none. */
  private record Loaded(Api api, Pointer engine, String status) {}

  private static final class Holder {
    static final Loaded LOADED = load();
  }

  /** @return the library's functions, once loaded; empty if it cannot run here */
  static Optional<Api> api() {
    return Optional.ofNullable(Holder.LOADED.api());
  }

  /** @return the CPU engine every primitive runs on (one per process) */
  static Pointer engine() {
    return Holder.LOADED.engine();
  }

  /** @return e.g. {@code oneDNN 3.3.4}, or why it is not loaded */
  static String status() {
    return Holder.LOADED.status();
  }

  /**
   * @param what the call, for the message
   * @param status its return value
   * @throws IllegalStateException if the status is not success
   */
  static void check(String what, int status) {
    if (status != SUCCESS) {
      throw new IllegalStateException("oneDNN 3.3: " + what + " failed with status " + status);
    }
  }

  private static Loaded load() {
    if (!"linux-x86_64".equals(org.bytedeco.javacpp.Loader.getPlatform())) {
      return new Loaded(null, null, "not loaded: its natives are bundled for linux-x86_64 only");
    }
    try {
      // libdnnl.so.3 finds libgomp.so.1 beside itself ($ORIGIN); libOpenCL.so.1, cached in
      // another folder, is loaded first so that the loader finds it by its name.
      File gomp = org.bytedeco.javacpp.Loader.cacheResource(DNNL + "libgomp.so.1");
      File openCl = org.bytedeco.javacpp.Loader.cacheResource(OPENCL + "libOpenCL.so.1");
      File dnnl = org.bytedeco.javacpp.Loader.cacheResource(DNNL + "libdnnl.so.3");
      if (gomp == null || openCl == null || dnnl == null) {
        return new Loaded(null, null, "not loaded: its natives are not on the class path");
      }
      NativeLibrary.getInstance(openCl.getAbsolutePath());
      Api api = Native.loadLibrary(dnnl.getAbsolutePath(), Api.class);
      Pointer version = api.dnnl_version();
      String text = "oneDNN " + version.getInt(0) + "." + version.getInt(4) + "."
          + version.getInt(8);
      PointerByReference engine = new PointerByReference();
      check("engine", api.dnnl_engine_create(engine, ENGINE_CPU, 0));
      return new Loaded(api, engine.getValue(), text);
    } catch (IOException | RuntimeException | LinkageError e) {
      return new Loaded(null, null, "not loaded: " + e);
    }
  }
}
