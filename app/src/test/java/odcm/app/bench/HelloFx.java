package odcm.app.bench;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import odcm.app.ui.StartupTimes;

/**
 * The peer of bench/console-start.sh: a JavaFX hello-world, started with the same java, jars and flags as ./odcm;
 * with ODCM_STARTUP_TIMES=1 it prints "window-shown <ms since JVM start> <epoch ms>" on stderr, as the console does.
 */
public final class HelloFx extends Application {
    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new StackPane(new Label("Hello, world")), 1100, 720);
        stage.setTitle("Hello");
        stage.setScene(scene);
        stage.show();
        StartupTimes.afterNextPulse(scene, "window-shown");
    }

    public static void main(String[] args) {
        launch(HelloFx.class, args);
    }
}
