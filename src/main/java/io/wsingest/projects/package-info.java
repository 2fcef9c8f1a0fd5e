/** Projects, their members, and the one rule protocols ask about: who may upload into which project. */
package io.wsingest.projects;
