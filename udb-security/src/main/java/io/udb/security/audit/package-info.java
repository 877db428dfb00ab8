/** Security audit: every denial is reported here, so that it becomes an event and a metric. */
package io.udb.security.audit;
