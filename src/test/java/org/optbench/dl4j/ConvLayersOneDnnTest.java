package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.optbench.dl4j.Float64Reference.assertClose;
import static org.optbench.dl4j.Float64Reference.gradients;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.optbench.problem.Architecture;

/**
 * mnist-2c2d's convolution and pooling layers run through DL4J's oneDNN helpers, cannot fall back
 * silently, and compute what a float64 reference computes.
 */
class ConvLayersOneDnnTest {
  private static final int BATCH = 16;

  @Test
  void convolutionAndPoolingLayersGetOneDnnHelpersWithoutFallback() {
    MultiLayerNetwork net = Networks.classifier(Architecture.CONV_2C2D, new Sgd(0.1), 1);
    int conv = 0;
    int pool = 0;
    for (Layer layer : net.getLayers()) {
      // A null helper would mean DL4J's built-in path, whatever the fallback setting says.
      if (layer instanceof ConvolutionLayer c) {
        assertInstanceOf(MKLDNNConvHelper.class, c.getHelper(), "layer " + layer.getIndex());
        assertFalse(c.layerConf().isCudnnAllowFallback(), "layer " + layer.getIndex());
        conv++;
      } else if (layer instanceof SubsamplingLayer s) {
        // DL4J's helper is made either way; MaxPoolingLayer leaves it where oneDNN would pool
        // in its reference code (see MaxPoolingLayerTest).
        assertInstanceOf(MKLDNNSubsamplingHelper.class, s.getHelper(),
            "layer " + layer.getIndex());
        assertInstanceOf(MaxPoolingLayer.Impl.class, layer, "layer " + layer.getIndex());
        assertFalse(s.layerConf().isCudnnAllowFallback(), "layer " + layer.getIndex());
        pool++;
      }
    }
    assertEquals(2, conv);
    assertEquals(2, pool);
    assertEquals("oneDNN", Backend.describe().get("layerHelpers"));
  }

  /**
   * The float32 network (oneDNN for convolution and pooling) against the same network, weights
   * and inputs in float64, where DL4J's helpers decline and its built-in layers compute. Bound:
   * relative L2 error ≤ 2e-5 for every activation and every parameter gradient. float32 rounds
   * each product and sum to 2⁻²⁴ ≈ 6e-8 relative; the largest sums here have 800 terms (conv2's
   * 5×5×32 window) and 3136 (the dense layer), which grow a rounding error like √n·6e-8 ≈ 2e-6–
   * 3e-6 for random-signed terms (at most n·6e-8 ≈ 5e-5–2e-4 in the worst case, which needs every
   * rounding to go the same way), and the gradients pass through four layers of them. DL4J's
   * built-in float32 im2col path was measured at 2.7e-4–6.3e-4 for the convolution gradients, so
   * the bound also says that oneDNN is at least as accurate; a wrong layout or a missing term
   * gives errors of order 1. Layer 0's gradients are not oneDNN's convolution but one product
   * over the input's patches ({@link ReluConvolutionLayer}), whose sums have 16·784 = 12,544
   * terms. Measured with these inputs: 9e-8–5e-7 for the outputs, at most 1.2e-6 for the
   * gradients (conv1's bias; 2.8e-7 for its weights, where oneDNN's convolution gave 9e-7).
   */
  @Test
  void forwardOutputsAndEveryGradientMatchAFloat64Reference() {
    MultiLayerNetwork single = Networks.classifier(Architecture.CONV_2C2D, new Sgd(0.1), 5);
    MultiLayerNetwork reference = Networks.classifier(Architecture.CONV_2C2D, new Sgd(0.1), 5,
        DataType.DOUBLE);
    // The same weights: both draw float values from the same seed; copy them to be sure.
    reference.setParams(single.params().castTo(DataType.DOUBLE));
    INDArray x = images();
    INDArray y = labels();

    List<INDArray> actual = single.feedForward(x, false);
    List<INDArray> expected = reference.feedForward(x.castTo(DataType.DOUBLE), false);
    assertEquals(expected.size(), actual.size());
    for (int i = 1; i < actual.size(); i++) {
      assertClose("output of layer " + (i - 1), expected.get(i), actual.get(i));
    }

    Map<String, INDArray> gradients = gradients(single, x, y);
    Map<String, INDArray> referenceGradients = gradients(reference,
        x.castTo(DataType.DOUBLE), y.castTo(DataType.DOUBLE));
    // Two convolutions and two dense layers, each with W and b; pooling has no parameters.
    assertEquals(8, gradients.size(), gradients.keySet().toString());
    assertEquals(referenceGradients.keySet(), gradients.keySet());
    for (String key : gradients.keySet()) {
      assertClose("gradient " + key, referenceGradients.get(key), gradients.get(key));
    }
  }



  /** Pixels in [0, 1] like MNIST's, from a fixed seed. */
  private static INDArray images() {
    SplittableRandom random = new SplittableRandom(9);
    float[] pixels = new float[BATCH * Networks.PIXELS];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextDouble();
    }
    return Nd4j.create(pixels, new long[] {BATCH, Networks.PIXELS}, DataType.FLOAT);
  }

  private static INDArray labels() {
    INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, Networks.CLASSES);
    for (int i = 0; i < BATCH; i++) {
      y.putScalar(i, i % Networks.CLASSES, 1);
    }
    return y;
  }
}
