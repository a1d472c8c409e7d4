"""raytrace: a small recursive ray tracer (spheres over a checkered plane,
two point lights, shadows, one level of mirror reflection, Lambert + Phong).

Vector objects with operator overloading, many short-lived allocations,
virtual calls through a scene of different shape classes.  The image
checksum was confirmed with an independent tuple-and-function version.
"""
import sys
from math import sqrt
from _bench_args import parse_args

EPSILON = 1e-6


class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def length(self):
        return sqrt(self.dot(self))

    def normalized(self):
        return self * (1.0 / self.length())

    def mul(self, o):
        return Vec(self.x * o.x, self.y * o.y, self.z * o.z)


class Ray:
    __slots__ = ("origin", "direction")

    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction

    def at(self, t):
        return self.origin + self.direction * t


class Material:
    def __init__(self, color, diffuse, specular, reflect, checker=None):
        self.color = color
        self.diffuse = diffuse
        self.specular = specular
        self.reflect = reflect
        self.checker = checker

    def color_at(self, point):
        if self.checker is None:
            return self.color
        if (int(point.x + 1000.0) + int(point.z + 1000.0)) % 2 == 0:
            return self.color
        return self.checker


class Sphere:
    def __init__(self, center, radius, material):
        self.center = center
        self.radius = radius
        self.material = material

    def intersect(self, ray):
        oc = ray.origin - self.center
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return None
        root = sqrt(disc)
        t = -b - root
        if t > EPSILON:
            return t
        t = -b + root
        if t > EPSILON:
            return t
        return None

    def normal_at(self, point):
        return (point - self.center).normalized()


class Plane:
    def __init__(self, point, normal, material):
        self.point = point
        self.normal = normal
        self.material = material

    def intersect(self, ray):
        denom = self.normal.dot(ray.direction)
        if abs(denom) < EPSILON:
            return None
        t = (self.point - ray.origin).dot(self.normal) / denom
        return t if t > EPSILON else None

    def normal_at(self, point):
        return self.normal


class Scene:
    def __init__(self):
        self.objects = [
            Plane(Vec(0.0, 0.0, 0.0), Vec(0.0, 1.0, 0.0),
                  Material(Vec(0.9, 0.9, 0.9), 0.8, 0.1, 0.2, Vec(0.1, 0.1, 0.1))),
            Sphere(Vec(0.0, 1.0, 5.0), 1.0,
                   Material(Vec(0.9, 0.2, 0.2), 0.7, 0.6, 0.3)),
            Sphere(Vec(-2.2, 0.7, 6.5), 0.7,
                   Material(Vec(0.2, 0.8, 0.3), 0.9, 0.3, 0.1)),
            Sphere(Vec(2.0, 1.5, 7.0), 1.5,
                   Material(Vec(0.3, 0.4, 0.9), 0.6, 0.9, 0.5)),
        ]
        self.lights = [(Vec(-5.0, 8.0, -2.0), 0.8), (Vec(6.0, 5.0, 1.0), 0.5)]
        self.ambient = 0.08
        self.background = Vec(0.2, 0.3, 0.5)

    def nearest(self, ray):
        best_t = None
        best = None
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and (best_t is None or t < best_t):
                best_t = t
                best = obj
        return best, best_t

    def shadowed(self, point, light_pos):
        to_light = light_pos - point
        distance = to_light.length()
        ray = Ray(point, to_light * (1.0 / distance))
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and t < distance:
                return True
        return False

    def trace(self, ray, depth):
        obj, t = self.nearest(ray)
        if obj is None:
            return self.background
        point = ray.at(t)
        normal = obj.normal_at(point)
        mat = obj.material
        base = mat.color_at(point)
        color = base * self.ambient
        for light_pos, strength in self.lights:
            if self.shadowed(point, light_pos):
                continue
            to_light = (light_pos - point).normalized()
            lambert = normal.dot(to_light)
            if lambert > 0.0:
                color = color + base * (lambert * mat.diffuse * strength)
                half = (to_light - ray.direction).normalized()
                spec = normal.dot(half)
                if spec > 0.0:
                    spec = spec ** 20 * mat.specular * strength
                    color = color + Vec(spec, spec, spec)
        if depth > 0 and mat.reflect > 0.0:
            d = ray.direction
            reflected = d - normal * (2.0 * d.dot(normal))
            bounce = self.trace(Ray(point, reflected), depth - 1)
            color = color * (1.0 - mat.reflect) + bounce * mat.reflect
        return color


def clamp_byte(c):
    v = int(c * 255.0)
    return 0 if v < 0 else 255 if v > 255 else v


def render(width, height):
    scene = Scene()
    eye = Vec(0.0, 1.5, -1.0)
    pixels = []
    for row in range(height):
        for col in range(width):
            px = (col + 0.5) / width * 2.0 - 1.0
            py = 1.0 - (row + 0.5) / height * 2.0
            direction = Vec(px * 1.2, py * 1.2 * height / width, 1.5).normalized()
            c = scene.trace(Ray(eye, direction), 1)
            pixels.append((clamp_byte(c.x), clamp_byte(c.y), clamp_byte(c.z)))
    return pixels


def run(size):
    pixels = render(size, size)
    checksum = 0
    for r, g, b in pixels:
        checksum = (checksum * 257 + r * 65536 + g * 256 + b) % 2147483647
    return sum(r + g + b for r, g, b in pixels), checksum


EXPECTED = {16: (66622, 237145870), 64: (1063411, 861462002),
            128: (4259991, 1095583466)}



def main():
    loops, quick = parse_args(sys.argv)
    size = 16 if quick else 128
    for _ in range(loops):
        result = run(size)
    if result != EXPECTED[size]:
        raise AssertionError("raytrace(%d): got %r, want %r" % (size, result, EXPECTED[size]))
    print("raytrace(%dx%d): brightness %d, checksum %d" % (size, size, result[0], result[1]))


if __name__ == "__main__":
    main()
