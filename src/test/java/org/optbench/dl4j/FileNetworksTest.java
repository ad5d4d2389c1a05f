package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.optbench.data.DataDeclaration;
import org.optbench.data.DataSource;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.optimizer.Recipe;
import org.optbench.problem.DataProblem;
import org.optbench.problem.NetworkFile;
import org.optbench.problem.NetworkFileException;
import org.optbench.result.ResultStore;
import org.optbench.result.TrialResult;
import org.optbench.testing.CurveCsv;
import org.optbench.testing.Optimizers;

/**
 * Networks from model files: the DL4J multi-layer and graph fixtures and the Keras one, their
 * identity, the updater swap, equal initial parameters across optimizers, and a trial killed
 * after its first epoch that resumes bit-identical to an uninterrupted one.
 */
class FileNetworksTest {
  private static final Path NETWORKS = Path.of("src/test/resources/networks").toAbsolutePath();

  @TempDir
  Path dir;

  private static NetworkFile read(String name) {
    NetworkFile.Format format = name.startsWith("keras") ? NetworkFile.Format.KERAS
        : NetworkFile.Format.DL4J_JSON;
    return NetworkFile.read(format, NETWORKS.resolve(name), new int[] {16}, 3);
  }

  @Test
  void theFixturesAreReadAsMultiLayerNetworksOrGraphs() {
    assertFalse(read("mlp-16-3.json").graph());
    assertTrue(read("graph-16-3.json").graph());
    assertFalse(read("keras-16-3.json").graph());
    NetworkFile keras = read("keras-16-3.json");
    // Keras's JSON holds no loss: the last softmax dense layer became DL4J's output layer.
    assertTrue(keras.canonicalJson().contains("org.deeplearning4j.nn.conf.layers.OutputLayer"),
        keras.canonicalJson());
    assertTrue(keras.canonicalJson().contains("LossMCXENT"), keras.canonicalJson());
    assertTrue(keras.notes().get(3).startsWith("ignored: any weights in the Keras file"),
        keras.notes().toString());
  }

  /**
   * An {@code .h5} file as Keras saves it holds the architecture in the root's
   * {@code model_config} attribute; its weights (none here) are never read, and the network is
   * the one of the same model's JSON.
   */
  @Test
  void aKerasH5FileGivesTheNetworkOfItsJson() throws IOException {
    Path h5 = dir.resolve("model.h5");
    String json = Files.readString(NETWORKS.resolve("keras-16-3.json"));
    try (org.bytedeco.hdf5.H5File out = new org.bytedeco.hdf5.H5File(h5.toString(),
        org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC);
        org.bytedeco.hdf5.StrType type = new org.bytedeco.hdf5.StrType(
            org.bytedeco.hdf5.PredType.C_S1(), json.length());
        org.bytedeco.hdf5.DataSpace scalar = new org.bytedeco.hdf5.DataSpace(
            org.bytedeco.hdf5.global.hdf5.H5S_SCALAR);
        org.bytedeco.hdf5.Attribute attribute = out.createAttribute(
            "model_config", type, scalar)) {
      attribute.write(type, json);
    }
    NetworkFile fromH5 = NetworkFile.read(NetworkFile.Format.KERAS, h5, new int[] {16}, 3);
    assertEquals(read("keras-16-3.json").canonicalJson(), fromH5.canonicalJson());
  }

  @Test
  void theCanonicalJsonHasTheUpdatersNormalisedAndKeepsTheRegularisation() {
    NetworkFile mlp = read("mlp-16-3.json");
    assertFalse(mlp.canonicalJson().contains("org.nd4j.linalg.learning.config.Adam"));
    assertTrue(mlp.canonicalJson().contains("org.nd4j.linalg.learning.config.NoOp"));
    assertTrue(mlp.canonicalJson().contains("L2Regularization"), "the file's L2 stays");
    assertEquals("replaced by each optimizer entry's updater and schedule: the file's updaters"
        + " Adam(learningRate=0.01, learningRateSchedule=null, beta1=0.9, beta2=0.999,"
        + " epsilon=1.0E-8)", mlp.notes().get(0));
    assertEquals("kept, the same for every optimizer (an entry's weightDecay:/l2: add to it):"
        + " the file's regularisation {hidden=[weights L2Regularization(l2=FixedSchedule("
        + "value=1.0E-4))]}", mlp.notes().get(1));
  }

  @Test
  void anEditedArchitectureChangesTheIdentityAMovedFileOrAnotherUpdaterDoesNot()
      throws IOException {
    String text = Files.readString(NETWORKS.resolve("mlp-16-3.json"));
    Path moved = Files.writeString(Files.createDirectories(dir.resolve("elsewhere"))
        .resolve("renamed.json"), text);
    Path otherUpdater = Files.writeString(dir.resolve("sgd.json"), text.replace(
        "\"learningRate\" : 0.01", "\"learningRate\" : 0.5"));
    Path wider = Files.writeString(dir.resolve("wider.json"), text
        .replace("\"nout\" : 8", "\"nout\" : 9").replace("\"nin\" : 8", "\"nin\" : 9"));
    String original = read("mlp-16-3.json").canonicalJson();
    assertNotEquals(text, otherUpdater.toString());
    assertEquals(original, NetworkFile.read(NetworkFile.Format.DL4J_JSON, moved,
        new int[] {16}, 3).canonicalJson());
    assertEquals(original, NetworkFile.read(NetworkFile.Format.DL4J_JSON, otherUpdater,
        new int[] {16}, 3).canonicalJson());
    assertNotEquals(original, NetworkFile.read(NetworkFile.Format.DL4J_JSON, wider,
        new int[] {16}, 3).canonicalJson());

    // Into the trial id: by content, not path.
    DataProblem a = problem(NETWORKS.resolve("mlp-16-3.json"), NetworkFile.Format.DL4J_JSON);
    DataProblem b = problem(moved, NetworkFile.Format.DL4J_JSON);
    DataProblem c = problem(wider, NetworkFile.Format.DL4J_JSON);
    assertEquals(TrialId.of(spec(a, "sgd", 1)), TrialId.of(spec(b, "sgd", 1)));
    assertNotEquals(TrialId.of(spec(a, "sgd", 1)), TrialId.of(spec(c, "sgd", 1)));
    assertEquals(original, ((Map<?, ?>) a.parameters().get("network")).get("dl4jJson"));
  }

  @Test
  void theEntrysUpdaterReplacesTheFilesAndItsRegularisationAddsToIt() {
    OptimizerSpec sgd = Optimizers.type("sgd").create(Map.of("learningRate", 0.25))
        .withRecipe(new Recipe(null, 0.01, 0, false, 0, null));
    TrainedNet net = FileNetworks.build(read("mlp-16-3.json"), new Sgd(0.25), sgd, 3);
    var layers = ((TrainedNet.Layers) net).net().getLayerWiseConfigurations().getConfs();
    BaseLayer hidden = (BaseLayer) layers.get(0).getLayer();
    BaseLayer out = (BaseLayer) layers.get(1).getLayer();
    assertEquals(new Sgd(0.25), hidden.getIUpdater());
    assertEquals(new Sgd(0.25), out.getIUpdater());
    assertEquals(List.of(new L2Regularization(1e-4), new WeightDecay(0.01, true)),
        hidden.getRegularization(), "the file's L2, then the entry's decay");
    assertEquals(List.of(new WeightDecay(0.01, true)), out.getRegularization());
    assertEquals(List.of(), out.getRegularizationBias(), "biases are decayed on request only");
  }

  @Test
  void twoOptimizersStartFromEqualParametersAndTheSeedChangesThem() {
    for (String name : List.of("mlp-16-3.json", "graph-16-3.json", "keras-16-3.json")) {
      NetworkFile file = read(name);
      String adam = ParameterHash.of(FileNetworks.build(file, new Adam(1e-3),
          Optimizers.type("adam").create(Map.of()), 5).params());
      String sgd = ParameterHash.of(FileNetworks.build(file, new Sgd(0.1),
          Optimizers.type("sgd").create(Map.of("learningRate", 0.1)), 5).params());
      String otherSeed = ParameterHash.of(FileNetworks.build(file, new Sgd(0.1),
          Optimizers.type("sgd").create(Map.of("learningRate", 0.1)), 6).params());
      assertEquals(adam, sgd, name);
      assertNotEquals(sgd, otherSeed, name);
    }
  }

  @Test
  void aMultiLayerTrialResumedAfterAKillMatchesAnUninterruptedOne() throws IOException {
    resumeMatches("mlp-16-3.json", "adam");
  }

  @Test
  void aGraphTrialResumedAfterAKillMatchesAnUninterruptedOne() throws IOException {
    resumeMatches("graph-16-3.json", "adam");
  }

  @Test
  void twoOptimizersTrialsOfAGraphStartFromEqualParameters() throws IOException {
    DataProblem p = problem(NETWORKS.resolve("graph-16-3.json"), NetworkFile.Format.DL4J_JSON);
    TrialResult adam = runner().run(spec(p, "adam", 2),
        Files.createDirectories(dir.resolve("adam")), n -> { });
    TrialResult sgd = runner().run(spec(p, "sgd", 2),
        Files.createDirectories(dir.resolve("sgd")), n -> { });
    assertEquals(adam.initialParamsSha256(), sgd.initialParamsSha256());
    assertNotEquals(adam.finalParamsSha256(), sgd.finalParamsSha256());
  }

  private void resumeMatches(String network, String optimizer) throws IOException {
    DataProblem p = problem(NETWORKS.resolve(network), NetworkFile.Format.DL4J_JSON);
    TrialSpec spec = spec(p, optimizer, 2);
    Path straight = Files.createDirectories(dir.resolve("straight"));
    TrialResult expected = runner().run(spec, straight, n -> { });

    Path resumed = Files.createDirectories(dir.resolve("resumed"));
    Dl4jTrialRunner crashing = runner().afterCheckpoint(epoch -> {
      throw new IllegalStateException("killed after epoch " + epoch);
    });
    assertEquals("killed after epoch 1", assertThrows(IllegalStateException.class,
        () -> crashing.run(spec, resumed, n -> { })).getMessage());
    assertTrue(Files.exists(resumed.resolve(ResultStore.CHECKPOINT).resolve("state.json")));
    TrialResult actual = runner().run(spec, resumed, n -> { });

    assertEquals(expected.initialParamsSha256(), actual.initialParamsSha256());
    assertEquals(expected.finalParamsSha256(), actual.finalParamsSha256());
    assertEquals(expected.finalMetrics(), actual.finalMetrics());
    assertEquals(3, actual.epochs());
    for (String file : new String[] {"curve.csv", "evals.csv"}) {
      assertEquals(CurveCsv.read(straight.resolve(file)).without("train_time_s"),
          CurveCsv.read(resumed.resolve(file)).without("train_time_s"), file);
    }
  }

  private static Dl4jTrialRunner runner() {
    return new Dl4jTrialRunner(id -> {
      throw new AssertionError("no built-in data set is read");
    }, 1);
  }

  private static TrialSpec spec(DataProblem problem, String optimizer, long seed) {
    OptimizerSpec o = optimizer.equals("adam")
        ? Optimizers.type("adam").create(Map.of("learningRate", 0.01))
        : Optimizers.type("sgd").create(Map.of("learningRate", 0.1));
    return new TrialSpec(problem, o, new BatchSize(20), new Budget(Budget.Unit.EPOCHS, 3), 0, 1,
        100, seed, 1);
  }

  /** 120 rows of 16 features and 3 classes, class k's features j ≡ k (mod 3) centred on 2. */
  private DataProblem problem(Path network, NetworkFile.Format format) throws IOException {
    Path csv = dir.resolve("rows.csv");
    if (!Files.exists(csv)) {
      SplittableRandom random = new SplittableRandom(1);
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 120; i++) {
        for (int j = 0; j < 16; j++) {
          double x = (j % 3 == i % 3 ? 2 : 0) + random.nextGaussian();
          text.append(String.format(Locale.ROOT, "%.3f", x)).append(',');
        }
        text.append(i % 3).append('\n');
      }
      Files.writeString(csv, text);
    }
    DataDeclaration data = new DataDeclaration(new DataSource.Csv(csv, 16, 0, ','),
        Optional.empty(), new DataDeclaration.Split(0.25, 0.25, 7), 3,
        DataDeclaration.Normalization.NONE);
    return DataProblem.load("my-rows", data, new DataProblem.FromFile(
        new NetworkFile(format, network, null, false, List.of())));
  }

  @Test
  void aNetworkThatDoesNotFitTheDataIsANamedError() {
    NetworkFileException classes = assertThrows(NetworkFileException.class,
        () -> NetworkFile.read(NetworkFile.Format.DL4J_JSON, NETWORKS.resolve("mlp-16-3.json"),
            new int[] {16}, 4));
    assertEquals(NETWORKS.resolve("mlp-16-3.json") + ": the output layer 'out' has 3 outputs,"
        + " but the data have 4 classes", classes.getMessage());
    NetworkFileException inputs = assertThrows(NetworkFileException.class,
        () -> NetworkFile.read(NetworkFile.Format.DL4J_JSON, NETWORKS.resolve("mlp-16-3.json"),
            new int[] {5, 5, 1}, 3));
    assertEquals(NETWORKS.resolve("mlp-16-3.json") + ": the network takes inputs of shape [16]"
        + " (features) (layer 'hidden'), but the data have shape [5, 5, 1] (height, width,"
        + " channels)", inputs.getMessage());
    NetworkFileException conv = assertThrows(NetworkFileException.class,
        () -> NetworkFile.read(NetworkFile.Format.DL4J_JSON,
            NETWORKS.resolve("conv-4x4x1-3.json"), new int[] {16}, 3));
    assertEquals(NETWORKS.resolve("conv-4x4x1-3.json") + ": the network takes inputs of shape"
        + " [4, 4, 1] (height, width, channels) (layer 'conv'), but the data have shape [16]"
        + " (features)", conv.getMessage());
    // The same convolutional network takes 4×4 single-channel images.
    assertFalse(NetworkFile.read(NetworkFile.Format.DL4J_JSON,
        NETWORKS.resolve("conv-4x4x1-3.json"), new int[] {4, 4, 1}, 3).graph());
  }

  @Test
  void dropoutIsRefusedNamingTheLayer() {
    NetworkFileException e = assertThrows(NetworkFileException.class,
        () -> read("mlp-dropout-16-3.json"));
    assertTrue(e.getMessage().startsWith(NETWORKS.resolve("mlp-dropout-16-3.json")
        + ": layer 'hidden' (DenseLayer) has Dropout (dropout or noise), which DL4J draws at"
        + " every step from ND4J's native random generator; a checkpoint does not keep"),
        e.getMessage());
  }

  @Test
  void badFilesAreNamedErrorsWithWhatDl4jSaid() throws IOException {
    Path notJson = Files.writeString(dir.resolve("broken.json"), "{ \"confs\": [");
    assertTrue(message(NetworkFile.Format.DL4J_JSON, notJson)
        .startsWith(notJson + ": cannot be read as JSON: "));
    Path other = Files.writeString(dir.resolve("other.json"), "{\"layers\": 3}");
    assertTrue(message(NetworkFile.Format.DL4J_JSON, other).startsWith(other
        + ": not a DL4J network configuration (neither a MultiLayerConfiguration"));
    Path unknown = Files.writeString(dir.resolve("unknown.json"), Files.readString(
        NETWORKS.resolve("mlp-16-3.json")).replace("org.deeplearning4j.nn.conf.layers.DenseLayer",
        "org.deeplearning4j.nn.conf.layers.NoSuchLayer"));
    String m = message(NetworkFile.Format.DL4J_JSON, unknown);
    assertTrue(m.startsWith(unknown + ": DL4J cannot read it as a MultiLayerConfiguration: "), m);
    Path lambda = Files.writeString(dir.resolve("lambda.json"), Files.readString(
        NETWORKS.resolve("keras-16-3.json")).replaceFirst("\"class_name\": \"Dense\"",
        "\"class_name\": \"NoSuchKerasLayer\""));
    m = message(NetworkFile.Format.KERAS, lambda);
    assertTrue(m.startsWith(lambda + ": DL4J's Keras import refuses it: "), m);
    assertTrue(m.contains("NoSuchKerasLayer"), m);
  }

  @Test
  void whatKerasOrDl4jWouldChangeSilentlyIsRefused() throws IOException {
    String keras = Files.readString(NETWORKS.resolve("keras-16-3.json"));
    // A Keras Dropout layer between the two dense layers.
    Path dropout = Files.writeString(dir.resolve("dropout.json"), keras.replaceFirst(
        "\\{\"class_name\": \"Dense\", \"config\": \\{\"name\": \"dense_1\"",
        "{\"class_name\": \"Dropout\", \"config\": {\"name\": \"drop\", \"rate\": 0.5}},"
            + " {\"class_name\": \"Dense\", \"config\": {\"name\": \"dense_1\""));
    assertTrue(message(NetworkFile.Format.KERAS, dropout).startsWith(dropout
        + ": layer 'drop' is a dropout layer, which draws a new mask at every step"),
        message(NetworkFile.Format.KERAS, dropout));
    // Keras 2.4+ writes an L2 penalty as class L2, which DL4J's import drops without a word.
    Path l2 = Files.writeString(dir.resolve("l2.json"), keras.replaceFirst(
        "\"kernel_regularizer\": null", "\"kernel_regularizer\": {\"class_name\": \"L2\","
            + " \"config\": {\"l2\": 1e-4}}"));
    assertTrue(message(NetworkFile.Format.KERAS, l2).startsWith(l2 + ": layer 'dense' has"
        + " kernel_regularizer L2, which DL4J's Keras import does not read"),
        message(NetworkFile.Format.KERAS, l2));
    // An output layer with a loss of its own beside the cross-entropy.
    Path centre = Files.writeString(dir.resolve("centre.json"), Files.readString(
        NETWORKS.resolve("mlp-16-3.json")).replace(
        "org.deeplearning4j.nn.conf.layers.OutputLayer",
        "org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer"));
    assertTrue(message(NetworkFile.Format.DL4J_JSON, centre).contains(
        "(CenterLossOutputLayer) must be an OutputLayer with softmax activation"),
        message(NetworkFile.Format.DL4J_JSON, centre));
    // No layers at all: a named error, not an internal one.
    Path empty = Files.writeString(dir.resolve("empty.json"), Files.readString(
        NETWORKS.resolve("mlp-16-3.json")).replaceFirst("(?s)\"confs\" : \\[.*\\],\\s*\"", "\"confs\" : [ ], \""));
    assertEquals(empty + ": the network has no layers (its 'confs' list is empty); it needs at"
        + " least an output layer: an OutputLayer with softmax activation and MCXENT loss",
        message(NetworkFile.Format.DL4J_JSON, empty));
    Path noLayer = Files.writeString(dir.resolve("no-layer.json"), Files.readString(
        empty).replace("\"confs\" : [ ]", "\"confs\" : [ { } ]"));
    assertEquals(noLayer + ": entry 0 of 'confs' holds no layer; each entry needs a \"layer\""
        + " object with its \"@class\", as MultiLayerConfiguration.toJson() writes it",
        message(NetworkFile.Format.DL4J_JSON, noLayer));
    Path missing = dir.resolve("nothere.json");
    assertEquals(missing + ": no such file (a network's path is relative to the working"
        + " directory, as every path in a config)", message(NetworkFile.Format.DL4J_JSON, missing));
  }

  @Test
  void aWeightInitialisationThatCannotBeDrawnInJavaIsANamedError() throws IOException {
    Path binomial = Files.writeString(dir.resolve("binomial.json"), Files.readString(
        NETWORKS.resolve("mlp-16-3.json")).replaceFirst(
        "\\{\\s*\"@class\" : \"org.deeplearning4j.nn.weights.WeightInitXavier\"\\s*}",
        "{\"@class\": \"org.deeplearning4j.nn.weights.WeightInitDistribution\", \"distribution\":"
            + " {\"type\": \"org.deeplearning4j.nn.conf.distribution.BinomialDistribution\","
            + " \"numberOfTrials\": 1, \"probabilityOfSuccess\": 0.5}}"));
    String m = message(NetworkFile.Format.DL4J_JSON, binomial);
    assertTrue(m.startsWith(binomial + ": "), m);
    assertTrue(m.contains("BinomialDistribution cannot be drawn reproducibly; accepted: "), m);
  }

  private static String message(NetworkFile.Format format, Path file) {
    return assertThrows(NetworkFileException.class,
        () -> NetworkFile.read(format, file, new int[] {16}, 3)).getMessage();
  }
}
