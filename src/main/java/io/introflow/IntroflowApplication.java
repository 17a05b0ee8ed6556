package io.introflow;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Spring context of Introflow. It is started by the CLI
 * ({@code io.introflow.cli.IntroflowMain}) for the commands that need the database, never
 * on its own.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IntroflowApplication {

}
