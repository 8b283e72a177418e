package org.resnet4j.data;

import java.net.URI;

/**
 * One file of a {@link KnownDataset} as its mirror publishes it.
 *
 * @param name     the file name, the same on the mirror and in the local folder
 * @param md5      the published MD5 sum of the file, lower-case hex
 * @param maxBytes the most bytes a download of it may take (a bound, not its size)
 */
public record RemoteFile(String name, String md5, long maxBytes) {
    /** The file's address under the mirror {@code base} (which ends with a slash). */
    public URI url(URI base) {
        return base.resolve(name);
    }
}
