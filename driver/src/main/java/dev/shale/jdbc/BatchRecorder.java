package dev.shale.jdbc;

import dev.shale.sql.session.BatchInsert;
import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Watches the parameters and batch of a PreparedStatement of the shape {@link BatchInsert} takes,
 * so that executeBatch can hand the rows to it in one write. Every call still goes through to
 * Calcite's statement as well: when a row was set in a way the fast path does not take (a setter
 * other than a string or NULL), executeBatch is Calcite's.
 */
final class BatchRecorder {

  private final BatchInsert insert;
  private final String[] current = new String[2];
  private final boolean[] set = new boolean[2];
  private final List<String[]> rows = new ArrayList<>();
  private boolean usable = true;

  BatchRecorder(BatchInsert insert) {
    this.insert = insert;
  }

  /** Notes what {@code method} does to the parameters or the batch; called before it runs. */
  void observe(Method method, Object[] args) {
    String name = method.getName();
    switch (name) {
      case "setString":
      case "setNString":
        parameter(args, (String) args[1]);
        break;
      case "setNull":
        parameter(args, null);
        break;
      case "setObject":
        if (args[1] == null || args[1] instanceof String) {
          parameter(args, (String) args[1]);
        } else {
          usable = false;
        }
        break;
      case "clearParameters":
        Arrays.fill(set, false);
        break;
      case "addBatch":
        if (set[0] && set[1]) {
          int k = insert.keyParameter();
          rows.add(new String[] {current[k], current[1 - k]});
        } else {
          usable = false;
        }
        break;
      case "clearBatch":
        clear();
        break;
      default:
        if (name.startsWith("set")
            && args != null
            && args.length >= 2
            && args[0] instanceof Integer) {
          usable = false; // a typed setter: let Calcite convert the value
        }
        break;
    }
  }

  private void parameter(Object[] args, String value) {
    int index = (Integer) args[0];
    if (index == 1 || index == 2) {
      current[index - 1] = value;
      set[index - 1] = true;
    } else {
      usable = false;
    }
  }

  /** Whether executeBatch can take the fast path now. */
  boolean usable() {
    return usable && !rows.isEmpty();
  }

  /** Runs the recorded batch in one write, then empties it here and in {@code statement}. */
  int[] executeBatch(PreparedStatement statement) throws SQLException {
    try {
      return insert.execute(rows);
    } finally {
      clear();
      statement.clearBatch();
    }
  }

  private void clear() {
    rows.clear();
    usable = true;
  }
}
