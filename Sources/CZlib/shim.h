// The system zlib (Debian: zlib1g-dev), for gzip-compressed MNIST IDX files.
#include <zlib.h>
