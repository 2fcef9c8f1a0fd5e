package io.wsingest.monitoring;

import java.io.IOException;
import java.lang.management.ManagementFactory;

import javax.management.AttributeNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Deployed only by the integration tests: {@code GET /test/jmx?pattern=io.wsingest.metrics:*} answers each MBean of
 * the server's platform MBean server matching the pattern with its {@code Count} (counters, timers) or {@code Value}
 * (gauges), as JConsole would show them.
 */
@WebServlet("/test/jmx")
public class JmxProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        JsonObjectBuilder found = Json.createObjectBuilder();
        try {
            for (ObjectName name : server.queryNames(new ObjectName(request.getParameter("pattern")), null)) {
                found.add(name.getCanonicalName(), String.valueOf(read(server, name)));
            }
        } catch (JMException e) {
            throw new IOException(e);
        }
        response.setContentType("application/json");
        response.getWriter().write(found.build().toString());
    }

    private static Object read(MBeanServer server, ObjectName name) throws JMException {
        for (String attribute : new String[] {"Count", "Value"}) {
            try {
                return server.getAttribute(name, attribute);
            } catch (AttributeNotFoundException e) {
                // The other one.
            }
        }
        return "registered";
    }
}
