/** What every log line that quotes a client needs: client text escaped, tokens removed, incident ids for failures. */
package io.wsingest.logging;
