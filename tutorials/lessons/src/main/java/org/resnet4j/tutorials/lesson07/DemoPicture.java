package org.resnet4j.tutorials.lesson07;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A 320x240 picture drawn with java.awt (sky, grass, a red barn, a sun), so the lesson has a photo-shaped input
 * without downloading one. Antialiasing stays off, so every pixel is one of the five flat colours.
 */
public final class DemoPicture {
    /** Width in pixels. */
    public static final int WIDTH = 320;
    /** Height in pixels. */
    public static final int HEIGHT = 240;
    /** The barn's colour; the barn covers the middle of the picture. */
    public static final Color BARN = new Color(178, 34, 34);

    private DemoPicture() {
    }

    /** Draws the picture. */
    public static BufferedImage draw() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(135, 206, 235));
            g.fillRect(0, 0, WIDTH, 150);
            g.setColor(new Color(34, 139, 34));
            g.fillRect(0, 150, WIDTH, HEIGHT - 150);
            g.setColor(new Color(255, 215, 0));
            g.fillOval(250, 15, 50, 50);
            g.setColor(BARN);
            g.fillRect(110, 80, 120, 120);
            g.setColor(new Color(90, 60, 40));
            g.fillPolygon(new int[] {100, 170, 240}, new int[] {80, 30, 80}, 3);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Draws the picture and saves it as a PNG (lossless, so reading it back gives the same pixels). */
    public static Path writePng(Path file) throws IOException {
        if (!ImageIO.write(draw(), "png", file.toFile())) {
            throw new IOException("No PNG writer in javax.imageio; cannot write " + file);
        }
        return file;
    }
}
