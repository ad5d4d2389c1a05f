package org.optbench.dl4j;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Max pooling of float32 NCHW arrays in oneDNN 3.3 ({@link OneDnn3}), in its blocked layout
 * ({@code nChw8c}): each array is reordered into that layout, pooled by oneDNN's JIT kernel and
 * reordered back. For one layer's windows, which must not overlap.
 *
 * <p>For an input {@code x [batch, channels, height, width]}, window {@code k} and stride
 * {@code s ≥ k}, no padding: {@code y[n,c,i,j] = max over (u,v) of x[n,c, i·s_h + u, j·s_w + v]},
 * and the backward pass puts {@code ∂L/∂y[n,c,i,j]} on the first position of the window (in
 * row-major order) that holds the maximum, zero elsewhere. These are the bits of ND4J's
 * {@code maxpool2d} and {@code maxpool2d_bp}, NaN, infinities and −0 included, but for windows
 * in which no value exceeds ND4J's starting value −3.4028230·10³⁸ (just above −{@code FLT_MAX}):
 * there ND4J writes that value and sends the gradient to the window's first position, where
 * oneDNN writes the largest value (at least −{@code FLT_MAX}) and sends it there. So when the
 * output holds such a window, {@link #forward} raises the output to that value and leaves the
 * backward pass to ND4J's kernel ({@link #canBackward} is false). Windows that overlap would add
 * gradients in oneDNN's order instead of ND4J's, so such layers do not come here.
 *
 * <p>The forward pass of training keeps oneDNN's workspace (where each maximum was) for the
 * backward pass, which must follow it on the same input ({@link #canBackward}). Primitives and
 * buffers are made for one input shape and made again when it changes; {@link #close} (or the
 * garbage collector, through a {@link Cleaner}) frees them.
 *
 * <p>Measured on one core of an AVX2-only CPU at batch 128 (docs/PERFORMANCE.md): mnist-2c2d's
 * two pooling layers, forward and backward with the reorders, about 12 ms against 35 in ND4J's
 * kernels. Not thread-safe: one per layer.
 */
final class OneDnnMaxPooling implements AutoCloseable {
  /** ND4J's starting value for a window's maximum ({@code -DataTypeUtils::max<float>()}). */
  static final float ND4J_LOWEST = Float.intBitsToFloat(0xff7ffffd);

  private static final Cleaner CLEANER = Cleaner.create();

  private final OneDnn3.Api api;
  private final long[] stride;
  private final long[] kernel;
  private Primitives primitives;
  private Cleaner.Cleanable cleanable;
  /** The input of the last training forward pass, whose maxima the workspace holds. */
  private INDArray trainedOn;

  /**
   * @param api the loaded library
   * @param kernel window height and width
   * @param stride steps, at least the window's in each direction
   * @throws IllegalArgumentException if windows would overlap
   */
  OneDnnMaxPooling(OneDnn3.Api api, int[] kernel, int[] stride) {
    if (stride[0] < kernel[0] || stride[1] < kernel[1]) {
      throw new IllegalArgumentException("overlapping windows: kernel "
          + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride));
    }
    this.api = api;
    this.kernel = new long[] {kernel[0], kernel[1]};
    this.stride = new long[] {stride[0], stride[1]};
  }

  /**
   * @param x an array
   * @return whether {@code x} is a float32 rank-4 array that owns its whole row-major buffer,
   *     the arrays this class reads and writes directly
   */
  static boolean whole(INDArray x) {
    return x.rank() == 4 && WholeArrays.ownsFloatBuffer(x);
  }

  /**
   * @param x the input {@code [batch, channels, height, width]}, {@link #whole}
   * @param y the output {@code [batch, channels, outH, outW]}, {@link #whole}: {@code outH =
   *     ⌊(height − k_h) / s_h⌋ + 1}, likewise {@code outW}
   * @param training whether to keep the workspace for {@link #backward}
   */
  void forward(INDArray x, INDArray y, boolean training) {
    Primitives p = primitivesFor(x.shape(), y.shape());
    p.reorder(p.toBlocked, p.srcUser, p.srcBlocked, p.srcUser, x);
    Memory args = p.args;
    arg(args, 0, OneDnn3.ARG_SRC, p.srcBlocked);
    arg(args, 1, OneDnn3.ARG_DST, p.dstBlocked);
    arg(args, 2, OneDnn3.ARG_WORKSPACE, p.workspace);
    OneDnn3.check("pooling forward", api.dnnl_primitive_execute(
        training ? p.forwardTraining : p.forwardInference, p.stream, training ? 3 : 2, args));
    p.reorder(p.fromBlockedDst, p.dstBlocked, p.dstUser, p.dstUser, y);
    OneDnn3.check("stream wait", api.dnnl_stream_wait(p.stream));
    // Windows with nothing above ND4J's starting value: its output, and its gradient position.
    boolean low = y.minNumber().floatValue() <= ND4J_LOWEST;
    if (low) {
      Transforms.max(y, ND4J_LOWEST, false);
    }
    trainedOn = training && !low ? x : null;
  }

  /**
   * @return whether the last training forward pass was on {@code x}, as the backward needs, and
   *     its output held no window with nothing above ND4J's starting value
   */
  boolean canBackward(INDArray x) {
    return trainedOn == x && primitives != null;
  }

  /**
   * @param dy {@code ∂L/∂y}, shaped like the forward pass's output, {@link #whole}
   * @param dx {@code ∂L/∂x} is written here, shaped like its input, {@link #whole}
   * @throws IllegalStateException if not {@link #canBackward} the forward pass's input
   */
  void backward(INDArray dy, INDArray dx) {
    if (trainedOn == null || !Arrays.equals(primitives.src, dx.shape())) {
      throw new IllegalStateException("no training forward pass of this shape to go back from");
    }
    Primitives p = primitives;
    p.reorder(p.toBlockedDst, p.dstUser, p.dstBlocked, p.dstUser, dy);
    Memory args = p.args;
    arg(args, 0, OneDnn3.ARG_DIFF_DST, p.dstBlocked);
    arg(args, 1, OneDnn3.ARG_DIFF_SRC, p.srcBlocked);
    arg(args, 2, OneDnn3.ARG_WORKSPACE, p.workspace);
    OneDnn3.check("pooling backward", api.dnnl_primitive_execute(p.backward, p.stream, 3, args));
    p.reorder(p.fromBlocked, p.srcBlocked, p.srcUser, p.srcUser, dx);
    OneDnn3.check("stream wait", api.dnnl_stream_wait(p.stream));
  }

  /** @return oneDNN's implementation of the forward pass, e.g. {@code jit:avx2} */
  String implementation(long[] src, long[] dst) {
    return primitivesFor(src, dst).implementation;
  }

  @Override
  public void close() {
    if (cleanable != null) {
      cleanable.clean();
    }
    primitives = null;
    cleanable = null;
    trainedOn = null;
  }

  private Primitives primitivesFor(long[] src, long[] dst) {
    if (primitives == null || !Arrays.equals(primitives.src, src)
        || !Arrays.equals(primitives.dst, dst)) {
      close();
      primitives = new Primitives(api, src, dst, kernel, stride);
      cleanable = CLEANER.register(this, primitives::destroy);
    }
    return primitives;
  }

  /** Writes one {@code dnnl_exec_arg_t} ({@code int arg; dnnl_memory_t memory}). */
  private static void arg(Memory args, int i, int kind, Pointer memory) {
    args.setInt(16L * i, kind);
    args.setPointer(16L * i + 8, memory);
  }

  /** One shape's primitives, memories and stream, and how to free them. */
  private static final class Primitives {
    final long[] src;
    final long[] dst;
    final OneDnn3.Api api;
    final List<Runnable> destroy = new ArrayList<>();
    final Pointer stream;
    final Pointer forwardTraining;
    final Pointer forwardInference;
    final Pointer backward;
    final Pointer toBlocked;
    final Pointer fromBlocked;
    final Pointer toBlockedDst;
    final Pointer fromBlockedDst;
    /** Memories over the caller's arrays: their data handle is set before each use. */
    final Pointer srcUser;
    final Pointer dstUser;
    final Pointer srcBlocked;
    final Pointer dstBlocked;
    final Pointer workspace;
    final String implementation;
    /** {@code dnnl_exec_arg_t[3]}, filled before each call. */
    final Memory args = new Memory(3 * 16L);

    Primitives(OneDnn3.Api api, long[] src, long[] dst, long[] kernel, long[] stride) {
      this.api = api;
      this.src = src.clone();
      this.dst = dst.clone();
      Pointer engine = OneDnn3.engine();
      try {
        PointerByReference ref = new PointerByReference();
        OneDnn3.check("stream", api.dnnl_stream_create(ref, engine, 0));
        stream = ref.getValue();
        destroy.add(() -> api.dnnl_stream_destroy(stream));
        Pointer srcPlain = desc(src, OneDnn3.TAG_NCHW);
        Pointer dstPlain = desc(dst, OneDnn3.TAG_NCHW);
        Pointer srcBlock = desc(src, OneDnn3.TAG_NCHW8C);
        Pointer dstBlock = desc(dst, OneDnn3.TAG_NCHW8C);
        long[] none = {0, 0};
        Pointer trainPd = pd("pooling forward", api.dnnl_pooling_forward_primitive_desc_create(
            ref, engine, OneDnn3.FORWARD_TRAINING, OneDnn3.POOLING_MAX, srcBlock, dstBlock,
            stride, kernel, none, none, none, null), ref);
        Pointer inferPd = pd("pooling forward", api.dnnl_pooling_forward_primitive_desc_create(
            ref, engine, OneDnn3.FORWARD_INFERENCE, OneDnn3.POOLING_MAX, srcBlock, dstBlock,
            stride, kernel, none, none, none, null), ref);
        Pointer backPd = pd("pooling backward", api.dnnl_pooling_backward_primitive_desc_create(
            ref, engine, OneDnn3.POOLING_MAX, srcBlock, dstBlock, stride, kernel, none, none,
            none, trainPd, null), ref);
        PointerByReference info = new PointerByReference();
        OneDnn3.check("query", api.dnnl_primitive_desc_query(trainPd,
            OneDnn3.QUERY_IMPL_INFO_STR, 0, info));
        implementation = info.getValue().getString(0);
        forwardTraining = primitive(trainPd);
        forwardInference = primitive(inferPd);
        backward = primitive(backPd);
        toBlocked = primitive(reorderPd(srcPlain, srcBlock));
        fromBlocked = primitive(reorderPd(srcBlock, srcPlain));
        toBlockedDst = primitive(reorderPd(dstPlain, dstBlock));
        fromBlockedDst = primitive(reorderPd(dstBlock, dstPlain));
        srcUser = memory(srcPlain, null);
        dstUser = memory(dstPlain, null);
        srcBlocked = memory(srcBlock, OneDnn3.ALLOCATE);
        dstBlocked = memory(dstBlock, OneDnn3.ALLOCATE);
        workspace = memory(api.dnnl_primitive_desc_query_md(trainPd,
            OneDnn3.QUERY_WORKSPACE_MD, 0), OneDnn3.ALLOCATE);
      } catch (RuntimeException e) {
        destroy();
        throw e;
      }
    }

    /**
     * Runs {@code reorder} from {@code from} to {@code to}, one of them {@code user}, which is
     * pointed at {@code array}'s buffer first.
     */
    void reorder(Pointer reorder, Pointer from, Pointer to, Pointer user, INDArray array) {
      org.bytedeco.javacpp.Pointer buffer = array.data().addressPointer();
      OneDnn3.check("data handle", api.dnnl_memory_set_data_handle(user,
          new Pointer(buffer.address() + buffer.position() * buffer.sizeof())));
      arg(args, 0, OneDnn3.ARG_SRC, from);
      arg(args, 1, OneDnn3.ARG_DST, to);
      OneDnn3.check("reorder", api.dnnl_primitive_execute(reorder, stream, 2, args));
    }

    private Pointer desc(long[] dims, int tag) {
      PointerByReference ref = new PointerByReference();
      OneDnn3.check("memory descriptor",
          api.dnnl_memory_desc_create_with_tag(ref, dims.length, dims, OneDnn3.F32, tag));
      Pointer desc = ref.getValue();
      destroy.add(() -> api.dnnl_memory_desc_destroy(desc));
      return desc;
    }

    private Pointer pd(String what, int status, PointerByReference ref) {
      OneDnn3.check(what, status);
      Pointer pd = ref.getValue();
      destroy.add(() -> api.dnnl_primitive_desc_destroy(pd));
      return pd;
    }

    private Pointer reorderPd(Pointer from, Pointer to) {
      PointerByReference ref = new PointerByReference();
      Pointer engine = OneDnn3.engine();
      return pd("reorder",
          api.dnnl_reorder_primitive_desc_create(ref, from, engine, to, engine, null), ref);
    }

    private Pointer primitive(Pointer pd) {
      PointerByReference ref = new PointerByReference();
      OneDnn3.check("primitive", api.dnnl_primitive_create(ref, pd));
      Pointer primitive = ref.getValue();
      destroy.add(() -> api.dnnl_primitive_destroy(primitive));
      return primitive;
    }

    private Pointer memory(Pointer desc, Pointer handle) {
      PointerByReference ref = new PointerByReference();
      OneDnn3.check("memory",
          api.dnnl_memory_create(ref, desc, OneDnn3.engine(), handle));
      Pointer memory = ref.getValue();
      destroy.add(() -> api.dnnl_memory_destroy(memory));
      return memory;
    }

    /** Frees everything, last made first. */
    void destroy() {
      for (int i = destroy.size() - 1; i >= 0; i--) {
        destroy.get(i).run();
      }
      destroy.clear();
    }
  }
}
