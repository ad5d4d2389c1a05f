package org.optbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Four significant digits everywhere, and exact spellings of configured values. */
class NumbersTest {
  @Test
  void fourSignificantDigits() {
    assertEquals("0.9593", Numbers.format(0.95934));
    assertEquals("0.9600", Numbers.format(0.96));
    assertEquals("1.000", Numbers.format(1));
    assertEquals("12.35", Numbers.format(12.345001));
    assertEquals("999.9", Numbers.format(999.94));
    assertEquals("1000", Numbers.format(999.96));
    assertEquals("12346", Numbers.format(12345.6));
    assertEquals("1.235e-06", Numbers.format(1.2345e-6));
    assertEquals("-2.500e+08", Numbers.format(-2.5e8));
    assertEquals("0", Numbers.format(0));
    assertEquals("–", Numbers.format(Double.NaN));
  }

  @Test
  void exactSpellings() {
    assertEquals("0.015", Numbers.exact(0.015));
    assertEquals("100", Numbers.exact(100));
    assertEquals("1e-8", Numbers.exact(1e-8));
    assertEquals("1e-6", Numbers.exact(1e-6));
    assertEquals("2.5e-7", Numbers.exact(2.5e-7));
    assertEquals("0.0005", Numbers.exact(5e-4));
  }

  @Test
  void stepsAreWholeUnlessAveraged() {
    assertEquals("40", Numbers.steps(40));
    assertEquals("15.50", Numbers.steps(15.5));
  }
}
