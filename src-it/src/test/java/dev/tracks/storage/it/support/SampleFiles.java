package dev.tracks.storage.it.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Real files for uploads, generated in memory: a PNG written by ImageIO and a small well-formed
 * PDF. Content detection reads their real bytes, whatever name they are uploaded under.
 */
public final class SampleFiles {

    private SampleFiles() {
    }

    /**
     * Returns a PNG of noisy pixels, so it compresses poorly and spans tens of kilobytes.
     */
    public static byte[] png() {
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sample PNG", e);
        }
        return png.toByteArray();
    }

    /**
     * Returns a one-page PDF 1.4 with a text line, its objects indexed by a cross-reference table.
     */
    public static byte[] pdf() {
        String content = "BT /F1 18 Tf 20 50 Td (Tracks Storage) Tj ET";
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R"
                        + " /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");

        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(offset -> pdf.append(String.format("%010d 00000 n \n", offset)));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Returns {@code size} pseudo-random bytes that match no file format.
     */
    public static byte[] noise(int size) {
        byte[] noise = new byte[size];
        new Random(size).nextBytes(noise);
        return noise;
    }

    /**
     * Returns the base64 MD5 of {@code content}, the form tracks_blobs.checksum and Content-MD5 use.
     */
    public static String md5(byte[] content) {
        return Base64.getEncoder().encodeToString(md5Digest(content));
    }

    /**
     * Returns the lowercase hex MD5 of {@code content}, the form of S3 ETags and of the proxy's ETag.
     */
    public static String md5Hex(byte[] content) {
        StringBuilder hex = new StringBuilder(32);
        for (byte b : md5Digest(content)) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    private static byte[] md5Digest(byte[] content) {
        try {
            return MessageDigest.getInstance("MD5").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is unavailable, which every Java platform must provide", e);
        }
    }
}
