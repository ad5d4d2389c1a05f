/**
 * Locating, downloading, verifying and parsing the image data sets (MNIST, Fashion-MNIST and
 * CIFAR-10).
 *
 * <p>Entry point: {@link org.optbench.data.DatasetRepository#load(DatasetId)}, which returns an
 * {@link org.optbench.data.ImageDataset} of raw unsigned bytes. Every IDX {@code .gz} file is
 * checked against its published SHA-256 before it is parsed, CIFAR-10's archive against the MD5
 * its page publishes ({@link org.optbench.data.CifarFiles}, {@link org.optbench.data.CifarReader});
 * files in the user's data directory are never modified: the only write is a verified download of
 * a missing file (temporary name, then an atomic rename). {@link
 * org.optbench.data.CifarAugmentation} is DeepOBS's CIFAR-10 input pipeline (standardisation and
 * seeded augmentation) in plain Java.
 *
 * <p>The user's own data sets ({@link org.optbench.data.DataDeclaration}: CSV through DataVec's
 * record reader, IDX files of any image size, folders of PNG/JPEG images through
 * {@code javax.imageio}) are read, hashed, split and normalised once per process by
 * {@link org.optbench.data.UserData}, which returns a {@link org.optbench.data.PreparedData}.
 *
 * <p>This package is deliberately plain Java (no ND4J / DL4J) so it can be tested in isolation;
 * conversion to arrays happens elsewhere. User mistakes (missing, corrupt or wrong files) are
 * reported as {@link org.optbench.data.DataException}, a {@link org.optbench.UserInputException}.
 */
package org.optbench.data;
