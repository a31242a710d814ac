package com.routingml.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The runtime's own rejections (unknown path 404, wrong method 405, unsupported media type 415,
 * not acceptable 406, unreadable entity 400) as problem JSON instead of an HTML page.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            return UnexpectedExceptionMapper.internalError(e, uri);
        }
        Response.StatusType info = Response.Status.fromStatusCode(status);
        String title = info == null ? "HTTP " + status : info.getReasonPhrase();
        String detail = status == 403 ? "this operation needs the admin role" : e.getMessage();
        Response r = Problems.response(status, null, title, detail, uri == null ? null : uri.getPath());
        if (original != null && original.getHeaderString("Allow") != null) {
            return Response.fromResponse(r).header("Allow", original.getHeaderString("Allow")).build();
        }
        return r;
    }
}
