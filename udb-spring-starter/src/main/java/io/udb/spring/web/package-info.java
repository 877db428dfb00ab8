/**
 * The HTTP API of UDB ({@code CONTRACT.md}) for Spring MVC: bearer-token authentication through
 * {@link io.udb.core.DataBox#authenticate}, every call made through the caller's {@link
 * io.udb.core.SecuredBox}, errors as RFC 9457 {@code application/problem+json} with UDB's stable
 * error codes. Wired by {@link io.udb.spring.web.UdbWebAutoConfiguration}; see {@code docs/api.md}.
 */
package io.udb.spring.web;
