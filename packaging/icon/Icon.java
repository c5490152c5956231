import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/** Draws packaging/linux/watchroom.png (a camera lens on a dark tile): java packaging/icon/Icon.java OUT.png */
public class Icon {
    public static void main(String[] args) throws Exception {
        int s = 256;
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x1f2933));
        g.fill(new RoundRectangle2D.Double(8, 8, s - 16, s - 16, 48, 48));
        g.setColor(new Color(0x3e8ed0));
        g.setStroke(new BasicStroke(14));
        g.draw(new Ellipse2D.Double(58, 58, 140, 140));
        g.setColor(new Color(0xe4e7eb));
        g.fill(new Ellipse2D.Double(98, 98, 60, 60));
        g.setColor(new Color(0xe0413a));
        g.fill(new Ellipse2D.Double(190, 34, 30, 30));
        g.dispose();
        ImageIO.write(img, "png", new File(args[0]));
    }
}
