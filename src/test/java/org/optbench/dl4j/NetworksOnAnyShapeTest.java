package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.optbench.problem.Architecture;
import org.optbench.problem.DataProblem;

/**
 * The built-in networks take their input shape and class count from the data, and the MNIST
 * networks are unchanged: their initial parameters hash to the values the code gave before
 * networks took any shape.
 */
class NetworksOnAnyShapeTest {
  private static final long SEED = 3;

  @Test
  void theMnistNetworksKeepTheirInitialParameters() {
    assertEquals("57347701d22fd819ac295b0b589aab4c34e1cf1489e5117a89291754a93a4745",
        hash(Networks.classifier(Architecture.LOGREG, new Sgd(0.1), SEED)));
    assertEquals("1c14fccac7d852cf850b626231b8bc2d44c10ce332379435f3034fcd6b75f34c",
        hash(Networks.classifier(Architecture.MLP, new Sgd(0.1), SEED)));
    assertEquals("408b002dc2fce6b41fa2c8f9c0f1c6290f5d2e4cabf01850badaa74acf7db79f",
        hash(Networks.classifier(Architecture.CONV_2C2D, new Sgd(0.1), SEED)));
  }

  @Test
  void mnistShapedDataGiveTheMnistNetworks() {
    assertEquals(hash(Networks.classifier(Architecture.MLP, new Sgd(0.1), SEED)),
        hash(Networks.classifier(new DataProblem.Builtin(Architecture.MLP,
            DataProblem.DEFAULT_HIDDEN), new int[] {784}, 10, new Sgd(0.1), List.of(), SEED)));
    assertEquals(hash(Networks.classifier(Architecture.CONV_2C2D, new Sgd(0.1), SEED)),
        hash(Networks.classifier(new DataProblem.Builtin(Architecture.CONV_2C2D, List.of()),
            new int[] {28, 28, 1}, 10, new Sgd(0.1), List.of(), SEED)));
  }

  @Test
  void anyWidthAndClassCount() {
    MultiLayerNetwork mlp = Networks.classifier(new DataProblem.Builtin(Architecture.MLP,
        List.of(16, 8)), new int[] {5}, 3, new Sgd(0.1), List.of(), SEED);
    assertEquals(5 * 16 + 16 + 16 * 8 + 8 + 8 * 3 + 3, mlp.numParams());
    assertArrayEquals(new long[] {4, 3},
        mlp.output(Nd4j.zeros(DataType.FLOAT, 4, 5)).shape());
    MultiLayerNetwork logreg = Networks.classifier(new DataProblem.Builtin(Architecture.LOGREG,
        List.of()), new int[] {6, 5, 1}, 4, new Sgd(0.1), List.of(), SEED);
    assertEquals(30 * 4 + 4, logreg.numParams());
  }

  @Test
  void twoConvTwoDenseOnColourImagesOfAnotherSize() {
    MultiLayerNetwork net = Networks.classifier(new DataProblem.Builtin(Architecture.CONV_2C2D,
        List.of()), new int[] {12, 8, 3}, 5, new Sgd(0.1), List.of(), SEED);
    // conv 5×5×3→32, conv 5×5×32→64, two 2×2 pools leave 3×2×64, dense 1024, 5 classes.
    long expected = (5 * 5 * 3 * 32 + 32) + (5 * 5 * 32 * 64 + 64) + (3 * 2 * 64 * 1024 + 1024)
        + (1024 * 5 + 5);
    assertEquals(expected, net.numParams());
    assertArrayEquals(new long[] {2, 5},
        net.output(Nd4j.rand(DataType.FLOAT, 2, 12 * 8 * 3)).shape());
  }

  /**
   * 3c3d on images from files: CIFAR-10's shape gives cifar10-3c3d's network; smaller grey
   * images give the same layers on their shape. 12×12 → conv 5×5 valid 8 → pool 4 → conv 3×3
   * valid 2 → pool 1 → conv 3×3 same 1 → pool 1, so 128 inputs to the dense layers.
   */
  @Test
  void threeConvThreeDenseOnImagesFromFiles() {
    assertEquals(hash(Networks.classifier(Architecture.CONV_3C3D, Networks.CIFAR10_SHAPE,
        new Sgd(0.1), SEED)), hash(Networks.classifier(new DataProblem.Builtin(
            Architecture.CONV_3C3D, List.of()), new int[] {32, 32, 3}, 10, new Sgd(0.1),
        List.of(), SEED)));
    MultiLayerNetwork net = Networks.classifier(new DataProblem.Builtin(Architecture.CONV_3C3D,
        List.of()), new int[] {12, 12, 1}, 4, new Sgd(0.1), List.of(), SEED);
    long expected = (5 * 5 * 64 + 64) + (3 * 3 * 64 * 96 + 96) + (3 * 3 * 96 * 128 + 128)
        + (128 * 512 + 512) + (512 * 256 + 256) + (256 * 4 + 4);
    assertEquals(expected, net.numParams());
    assertArrayEquals(new long[] {2, 4},
        net.output(Nd4j.rand(DataType.FLOAT, 2, 144)).shape());
    assertEquals("network 3c3d takes images [height, width, channels]; the data have shape [64]",
        assertThrows(IllegalArgumentException.class, () -> Networks.classifier(
            new DataProblem.Builtin(Architecture.CONV_3C3D, List.of()), new int[] {64}, 10,
            new Sgd(0.1), List.of(), SEED)).getMessage());
  }

  @Test
  void twoConvTwoDenseRefusesTableRowsNamingTheShape() {
    assertEquals("network 2c2d takes images [height, width, channels]; the data have shape [64]",
        assertThrows(IllegalArgumentException.class, () -> Networks.classifier(
            new DataProblem.Builtin(Architecture.CONV_2C2D, List.of()), new int[] {64}, 10,
            new Sgd(0.1), List.of(), SEED)).getMessage());
  }

  private static String hash(MultiLayerNetwork net) {
    return ParameterHash.of(net.params());
  }
}
