package dev.shale.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test run three times, {@code [embedded]}, {@code [planned]} (embedded with {@code
 * directPath=false}) and {@code [remote]}: the test method and the class's
 * {@code @BeforeEach}/{@code @AfterEach} methods may take a {@link Mode} parameter. {@code
 * -Dshale.it.modes=remote} (or {@code embedded}) runs one of the two.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(ModeExtension.class)
@interface BothModes {}
