package org.fieldledger.server.admin;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.List;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.Role;
import org.fieldledger.model.catalog.Area;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.auth.DeviceRepository;
import org.fieldledger.server.auth.User;
import org.fieldledger.server.auth.UserRepository;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.web.ItemList;

/** Accounts, areas and devices. Administrators only. */
@Controller("/api/v1/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
class AdminController {
    private final UserAdministration administration;
    private final UserRepository users;
    private final AreaRepository areas;
    private final DeviceRepository devices;
    private final Database database;

    AdminController(UserAdministration administration, UserRepository users, AreaRepository areas,
                    DeviceRepository devices, Database database) {
        this.administration = administration;
        this.users = users;
        this.areas = areas;
        this.devices = devices;
        this.database = database;
    }

    record CreateUserRequest(String username, String password, Role role, List<String> areas) {
        CreateUserRequest {
            if (username == null) {
                throw ApiException.missingField("username");
            }
            if (password == null) {
                throw ApiException.missingField("password");
            }
            if (role == null) {
                throw ApiException.missingField("role");
            }
            areas = areaNames(areas == null ? List.of() : areas);
        }
    }

    /** Only the fields given change. */
    record UpdateUserRequest(Role role, List<String> areas, Boolean enabled, String password) {
        UpdateUserRequest {
            areas = areas == null ? null : areaNames(areas);
        }
    }

    record CreateAreaRequest(String name) {
        CreateAreaRequest {
            if (name == null) {
                throw ApiException.missingField("name");
            }
            if (name.length() > 100) {
                throw ApiException.invalidField("name", "must be at most 100 characters");
            }
        }
    }

    @Get("/users")
    ItemList<User> users(Caller caller) {
        caller.requireRole(Role.ADMIN);
        return ItemList.of(users.all());
    }

    @Get("/users/{id}")
    User user(Caller caller, @PathVariable String id) {
        caller.requireRole(Role.ADMIN);
        return users.find(id).orElseThrow(() -> ApiException.notFound("User " + id));
    }

    @Post("/users")
    HttpResponse<User> createUser(Caller caller, @Body CreateUserRequest request) {
        caller.requireRole(Role.ADMIN);
        User user = administration.create(new UserAdministration.NewUser(request.username(), request.password(),
                request.role(), request.areas()));
        return HttpResponse.created(user);
    }

    @Patch("/users/{id}")
    User updateUser(Caller caller, @PathVariable String id, @Body UpdateUserRequest request) {
        caller.requireRole(Role.ADMIN);
        return administration.change(id, new UserAdministration.UserChange(request.role(), request.areas(),
                request.enabled(), request.password()));
    }

    /** An area as the API lists it: an object, so fields can be added later. */
    record AreaEntry(String name) {
    }

    @Get("/areas")
    ItemList<AreaEntry> areas(Caller caller) {
        caller.requireRole(Role.ADMIN);
        return ItemList.of(areas.all().stream().map(area -> new AreaEntry(area.name())).toList());
    }

    @Post("/areas")
    HttpResponse<AreaEntry> createArea(Caller caller, @Body CreateAreaRequest request) {
        caller.requireRole(Role.ADMIN);
        Area area = area(request.name(), "name");
        if (!database.write(connection -> areas.insert(connection, area))) {
            throw new ApiException(ErrorCode.CONFLICT, "Area " + area.name() + " exists already");
        }
        return HttpResponse.created(new AreaEntry(area.name()));
    }

    @Get("/devices")
    ItemList<DeviceRepository.Device> devices(Caller caller) {
        caller.requireRole(Role.ADMIN);
        return ItemList.of(devices.all());
    }

    private static List<String> areaNames(List<String> names) {
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String field = "areas[" + i + "]";
            if (names.get(i) == null) {
                throw ApiException.missingField(field);
            }
            checked.add(area(names.get(i), field).name());
        }
        return checked;
    }

    private static Area area(String name, String field) {
        try {
            return new Area(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, e.getMessage());
        }
    }
}
