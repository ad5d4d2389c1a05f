package org.optbench.dl4j;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes a network with its updater state as DL4J's {@link ModelSerializer} does (the same zip
 * entries, the same {@link Nd4j#write} encoding, so {@code ModelSerializer.restore…} reads it
 * back bit for bit), but without compressing it: its entries are deflated at level 0, which
 * copies the bytes in uncompressed blocks (the zip format's STORED method would need each
 * entry's size and CRC before its bytes).
 *
 * <p>Why: a checkpoint is written at every epoch boundary and deleted when the trial completes,
 * and float weights and Adam moments deflate only to 70–87 % of their size while deflating
 * them takes most of the write. For mnist-mlp with Adam (1.34 M parameters, 16 MB uncompressed),
 * {@code ModelSerializer.writeModel} took 530 ms and this 80 ms on one machine, against an epoch
 * of about 5 s; for mnist-2c2d (3.27 M parameters) 1,010 ms and 190 ms.
 */
final class ModelArchive {
  private static final int BUFFER_BYTES = 1 << 16;

  private ModelArchive() {}

  /**
   * @param net the network; its updater state is written too if it has one
   * @param file the archive to create or replace
   * @throws IOException if the file cannot be written
   */
  static void write(TrainedNet net, Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(Deflater.NO_COMPRESSION);
      zip.putNextEntry(new ZipEntry(ModelSerializer.CONFIGURATION_JSON));
      // The platform charset: ModelSerializer reads the configuration with it.
      zip.write(net.configurationJson().getBytes(Charset.defaultCharset()));
      DataOutputStream data = new DataOutputStream(new BufferedOutputStream(zip, BUFFER_BYTES));
      zip.putNextEntry(new ZipEntry(ModelSerializer.COEFFICIENTS_BIN));
      INDArray params = net.params();
      if (params != null) {
        Nd4j.write(params, data);
        data.flush();
      } else {
        zip.putNextEntry(new ZipEntry(ModelSerializer.NO_PARAMS_MARKER));
      }
      INDArray state = net.updaterState();
      if (state != null && state.length() > 0) {
        zip.putNextEntry(new ZipEntry(ModelSerializer.UPDATER_BIN));
        Nd4j.write(state, data);
        data.flush();
      }
      zip.finish();
    }
  }
}
