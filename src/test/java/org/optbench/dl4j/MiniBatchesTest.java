package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class MiniBatchesTest {
  /** Rows 2..11 of a larger array (a view with an offset, as the training split is): row r of the
   * view holds r·100 + column. */
  private static TrainingData data() {
    INDArray all = Nd4j.create(DataType.FLOAT, 14, 5);
    for (int r = 0; r < 14; r++) {
      for (int c = 0; c < 5; c++) {
        all.putScalar(r, c, (r - 2) * 100 + c);
      }
    }
    INDArray labels = Nd4j.create(DataType.FLOAT, 10, 3);
    for (int r = 0; r < 10; r++) {
      labels.putScalar(r, r % 3, 1);
    }
    return new TrainingData(all.get(NDArrayIndex.interval(2, 12), NDArrayIndex.all()), labels);
  }

  private static float[] row(DataSet batch, int i) {
    return batch.getFeatures().getRow(i).toFloatVector();
  }

  @Test
  void gathersTheRowsInOrderIntoOneArrayPerBatchSize() {
    TrainingData data = data();
    MiniBatches batches = new MiniBatches(data);
    int[] order = {7, 2, 9, 0, 4, 1, 8, 3, 6, 5};
    DataSet first = batches.next(order, 0, 4, 0);
    assertArrayEquals(new long[] {4, 5}, first.getFeatures().shape());
    assertArrayEquals(new float[] {700, 701, 702, 703, 704}, row(first, 0));
    assertArrayEquals(new float[] {0, 1, 2, 3, 4}, row(first, 3));
    assertEquals(Nd4j.pullRows(data.features(), 1, 7, 2, 9, 0), first.getFeatures());
    assertEquals(Nd4j.pullRows(data.labels(), 1, 7, 2, 9, 0), first.getLabels());
    INDArray reused = first.getFeatures();

    DataSet second = batches.next(order, 4, 8, 1);
    assertSame(reused, second.getFeatures(), "the same batch size reuses the array");
    assertArrayEquals(new float[] {400, 401, 402, 403, 404}, row(second, 0));
    assertArrayEquals(new float[] {300, 301, 302, 303, 304}, row(second, 3));
    assertEquals(Nd4j.pullRows(data.labels(), 1, 4, 1, 8, 3), second.getLabels());

    DataSet last = batches.next(order, 8, 10, 2);
    assertNotSame(reused, last.getFeatures(), "a shorter last batch gets its own array");
    assertArrayEquals(new float[] {600, 601, 602, 603, 604}, row(last, 0));
    assertArrayEquals(new float[] {500, 501, 502, 503, 504}, row(last, 1));
  }

  @Test
  void theWholeSetInStoredOrderIsTheStoredArrays() {
    TrainingData data = data();
    DataSet all = new MiniBatches(data).next(null, 0, 10, 0);
    assertSame(data.features(), all.getFeatures());
    assertSame(data.labels(), all.getLabels());
    DataSet part = new MiniBatches(data).next(null, 3, 5, 0);
    assertArrayEquals(new float[] {300, 301, 302, 303, 304}, row(part, 0));
  }

  @Test
  void augmentedFeaturesComeFromTheAugmentationWithGatheredLabels() {
    TrainingData plain = data();
    TrainingData augmented = new TrainingData(plain.features(), plain.labels(),
        (rows, step) -> Nd4j.create(new float[] {rows[0], step}, new long[] {1, 2}));
    DataSet batch = new MiniBatches(augmented).next(new int[] {4, 5}, 1, 2, 9);
    assertArrayEquals(new float[] {5, 9}, batch.getFeatures().toFloatVector());
    assertEquals(Nd4j.pullRows(plain.labels(), 1, 5), batch.getLabels());
  }
}
