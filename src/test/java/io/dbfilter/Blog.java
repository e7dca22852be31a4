package io.dbfilter;

import io.dbfilter.model.BlogPost;
import io.dbfilter.model.Tag;
import io.dbfilter.model.User;
import java.util.List;

/**
 * The same small blog for every test that pages through one: users ann and bob write 36 of the 45
 * posts (every fifth has no author), cyd writes none; a post has 0 to 3 of the tags red, green and
 * blue, so that joins repeat posts and inner joins drop some.
 */
final class Blog {
    static final int POSTS = 45;

    private Blog() {
    }

    static void fill(Database db) {
        try (Scope scope = db.open()) {
            var ann = new User("ann");
            var bob = new User("bob");
            var cyd = new User("cyd");
            var red = new Tag("red", 1, "warm");
            var green = new Tag("green", 2, "cold");
            var blue = new Tag("blue", 3, "cold");
            for (Object entity : List.of(ann, bob, cyd, red, green, blue)) {
                Db.session().persist(entity);
            }
            for (int i = 1; i <= POSTS; i++) {
                var post = new BlogPost(String.format("post-%02d", i), i % 5 == 0 ? null : i % 2 == 0 ? ann : bob);
                post.getTags().addAll(switch (i % 4) {
                    case 1 -> List.of(red);
                    case 2 -> List.of(red, blue);
                    case 3 -> List.of(green, blue, red);
                    default -> List.<Tag>of();
                });
                Db.session().persist(post);
            }
            Db.commit();
        }
    }

    /** The user with that name, in the current scope. */
    static User user(String username) {
        return Db.session().createQuery("select u from User u where u.username = :name", User.class)
                .setParameter("name", username).getSingleResult();
    }
}
