package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShellWordTest {
  @Test
  void aPlainPathStaysAsItIs() {
    assertEquals("results/my-exp_2", ShellWord.of("results/my-exp_2"));
    assertEquals("/tmp/a.b/c=d", ShellWord.of("/tmp/a.b/c=d"));
  }

  @Test
  void anythingTheShellWouldReadIsSingleQuoted() {
    assertEquals("'/tmp/odd dir*[x]#_y/exp'", ShellWord.of("/tmp/odd dir*[x]#_y/exp"));
    assertEquals("'it'\\''s'", ShellWord.of("it's"));
    assertEquals("'$HOME/r'", ShellWord.of("$HOME/r"));
    assertEquals("''", ShellWord.of(""));
  }
}
