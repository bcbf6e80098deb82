package org.juju.state.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.InvalidInputException;

/**
 * Reads a text file a user gives (environments.yaml, a {@code --config} file, a charm's YAML)
 * without trusting its size: a file larger than any YAML document {@link YamlCodec} accepts is
 * refused before it is read into memory, and bytes that are not UTF-8 are named as such.
 */
public final class TextFiles {
    /** Bytes of the largest acceptable file: {@link YamlCodec#MAX_CODE_POINTS} of up to 4 bytes each. */
    public static final long MAX_BYTES = 4L * YamlCodec.MAX_CODE_POINTS;

    private TextFiles() {
    }

    /**
     * @throws InvalidInputException naming {@code file} if it is over {@link #MAX_BYTES} or not UTF-8
     * @throws IOException           if it cannot be read (missing, a directory, no permission)
     */
    public static String readUtf8(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new InvalidInputException(file + ": " + size + " bytes, over the limit of " + MAX_BYTES
                    + " bytes for a YAML file");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": not UTF-8 text", e);
        }
    }
}
