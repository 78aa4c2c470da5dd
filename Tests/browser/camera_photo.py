"""A photo as a phone's camera leaves it: 4000×3000 JPEG of about 2.5 MB with EXIF that holds the
camera's make and a GPS position. Made with libvips (the site's own requirement) and a hand-written
EXIF block, so the tests need no imaging package."""
import math
import pathlib
import struct
import subprocess

GPS_LATITUDE = (1, 17, 2921)  # Nairobi: 1° 17' 29.21" S
GPS_LONGITUDE = (36, 49, 1781)


def exif_with_gps() -> bytes:
    def entry(tag, kind, count, value):
        return struct.pack("<HHI", tag, kind, count) + value
    make = b"PhoneCam\x00"
    ifd0_offset = 8
    ifd0_size = 2 + 2 * 12 + 4
    make_offset = ifd0_offset + ifd0_size
    gps_offset = make_offset + len(make)
    gps_size = 2 + 4 * 12 + 4
    lat_offset = gps_offset + gps_size
    lon_offset = lat_offset + 24
    ifd0 = struct.pack("<H", 2) + entry(0x010F, 2, len(make), struct.pack("<I", make_offset)) \
        + entry(0x8825, 4, 1, struct.pack("<I", gps_offset)) + struct.pack("<I", 0)
    gps = struct.pack("<H", 4) + entry(1, 2, 2, b"S\x00\x00\x00") + entry(2, 5, 3, struct.pack("<I", lat_offset)) \
        + entry(3, 2, 2, b"E\x00\x00\x00") + entry(4, 5, 3, struct.pack("<I", lon_offset)) + struct.pack("<I", 0)
    rationals = b"".join(struct.pack("<II", value, 100 if index == 2 else 1)
                         for values in (GPS_LATITUDE, GPS_LONGITUDE) for index, value in enumerate(values))
    tiff = b"II*\x00" + struct.pack("<I", ifd0_offset) + ifd0 + make + gps + rationals
    body = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


def camera_jpeg(directory: pathlib.Path) -> pathlib.Path:
    """Smooth colour fields under a little sensor noise, as a photo compresses, with GPS EXIF."""
    width, height = 400, 300
    pixels = bytearray()
    for y in range(height):
        for x in range(width):
            pixels += bytes(max(0, min(255, int(value))) for value in (
                128 + 100 * math.sin(x / 23) * math.cos(y / 31), 90 + 80 * math.sin((x + y) / 40), 150 + 90 * math.cos(x / 57 - y / 19)))
    small = directory / "small.ppm"
    small.write_bytes(b"P6\n%d %d\n255\n" % (width, height) + pixels)
    run = lambda *args: subprocess.run(["vips", *map(str, args)], check=True, capture_output=True)
    run("resize", small, directory / "big.v", 10)
    run("gaussnoise", directory / "noise.v", 4000, 3000, "--sigma", 5, "--mean", 0)
    run("add", directory / "big.v", directory / "noise.v", directory / "sum.v")
    run("cast", directory / "sum.v", directory / "sum8.v", "uchar")
    plain = directory / "plain.jpg"
    run("copy", directory / "sum8.v", f"{plain}[Q=88]")
    data = plain.read_bytes()
    photo = directory / "camera-photo.jpg"
    photo.write_bytes(data[:2] + exif_with_gps() + data[2:])
    return photo


def carries_metadata(data: bytes) -> bool:
    """EXIF in a JPEG (APP1 "Exif") or a WebP (an EXIF or XMP chunk), or a GPS block anywhere."""
    return b"Exif\x00\x00" in data or (data[:4] == b"RIFF" and (b"EXIF" in data[12:] or b"XMP " in data[12:])) \
        or b"PhoneCam" in data
