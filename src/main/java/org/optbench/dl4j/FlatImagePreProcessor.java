package org.optbench.dl4j;

import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's {@link FeedForwardToCnnPreProcessor} (flat {@code [batch, channels·height·width]} rows
 * to NCHW images) that lets a missing input gradient pass: when the first layer returns none
 * ({@link ReluConvolutionLayer} as layer 0 does), there is nothing to reshape, and DL4J's
 * pre-processor would throw a {@link NullPointerException}. Every other call is DL4J's.
 *
 * <p>Public with a JSON creator so DL4J's JSON configuration (checkpoints) can restore it.
 */
public class FlatImagePreProcessor extends FeedForwardToCnnPreProcessor {

  /**
   * @param inputHeight image height in pixels
   * @param inputWidth image width in pixels
   * @param numChannels channels per pixel
   */
  @JsonCreator
  public FlatImagePreProcessor(@JsonProperty("inputHeight") long inputHeight,
      @JsonProperty("inputWidth") long inputWidth,
      @JsonProperty("numChannels") long numChannels) {
    super(inputHeight, inputWidth, numChannels);
  }

  /** @return null for a null gradient (layer 0 computed none), else DL4J's reshape */
  @Override
  public INDArray backprop(INDArray epsilons, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
    return epsilons == null ? null : super.backprop(epsilons, miniBatchSize, workspaceMgr);
  }

  @Override
  public FlatImagePreProcessor clone() {
    return (FlatImagePreProcessor) super.clone();
  }
}
