# carriersim is built as layers: one static library per folder, each using only the layers it
# names. The build enforces it: a layer's sources are compiled against an include view, a folder
# under build/include/ holding symbolic links to its own folder and to the folders of the layers
# it uses (with what those expose), and nothing else. An #include that points anywhere else
# fails to compile. Layers are declared lowest first, so no two folders can depend on each
# other.
#
#   carriersim_layer(NAME FOLDER [PUBLIC layer...] [PRIVATE layer...] [LIBS target...])
#
# PUBLIC layers are the ones the layer's public headers use (its users see them too); PRIVATE
# ones only its sources and internal headers use (results/ has internal headers that need the
# world: a user of results/ that includes one does not compile). The graph is written to build/layers.txt, which a test compares with
# the dependency graph in README.md.

set_property(GLOBAL PROPERTY CARRIERSIM_LAYERS "")
file(REMOVE_RECURSE ${CMAKE_BINARY_DIR}/include)

# Makes `dir` (a folder of the source tree) visible in the include view `view`: a link to each
# of its files, not to the folder, so that a subfolder that is a layer of its own (devices/at
# under devices) stays out of the views of the layers that may not use it. The glob is checked
# again at every build, so a new header is seen without re-running CMake by hand.
function(carriersim_view_link view dir)
  file(MAKE_DIRECTORY ${view}/${dir})
  file(GLOB files LIST_DIRECTORIES false CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${dir}/*)
  foreach(file IN LISTS files)
    get_filename_component(leaf ${file} NAME)
    file(CREATE_LINK ${file} ${view}/${dir}/${leaf} SYMBOLIC)
  endforeach()
endfunction()

# Sets `out` to the folders `folders` and those the layers after them expose, each once.
function(carriersim_exposed_by out folders)
  foreach(dep IN LISTS ARGN)
    get_property(more GLOBAL PROPERTY CARRIERSIM_EXPOSED_${dep})
    list(APPEND folders ${more})
  endforeach()
  list(REMOVE_DUPLICATES folders)
  set(${out} ${folders} PARENT_SCOPE)
endfunction()

function(carriersim_layer name dir)
  cmake_parse_arguments(L "" "" "PUBLIC;PRIVATE;LIBS;SOURCES" ${ARGN})
  get_property(known GLOBAL PROPERTY CARRIERSIM_LAYERS)
  foreach(dep IN LISTS L_PUBLIC L_PRIVATE)
    if(NOT dep IN_LIST known)
      message(FATAL_ERROR "layer ${name} uses ${dep}, which is not declared below it")
    endif()
  endforeach()
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${dir}/*.cc)
  list(FILTER sources EXCLUDE REGEX ".*/main\\.cc$")
  add_library(carriersim_${name} STATIC ${sources} ${L_SOURCES})

  # What the layer exposes: its folder and what its PUBLIC layers expose. What its sources see:
  # that, and what its PRIVATE layers expose.
  carriersim_exposed_by(exposed ${dir} ${L_PUBLIC})
  set_property(GLOBAL PROPERTY CARRIERSIM_EXPOSED_${name} ${exposed})
  carriersim_exposed_by(visible "${exposed}" ${L_PRIVATE})
  set(view ${CMAKE_BINARY_DIR}/include/${name})
  foreach(folder IN LISTS visible)
    carriersim_view_link(${view} ${folder})
  endforeach()
  set_property(GLOBAL PROPERTY CARRIERSIM_VIEW_${name} ${view})

  target_include_directories(carriersim_${name} PRIVATE ${view})
  list(TRANSFORM L_PUBLIC PREPEND carriersim_ OUTPUT_VARIABLE public_targets)
  list(TRANSFORM L_PRIVATE PREPEND carriersim_ OUTPUT_VARIABLE private_targets)
  target_link_libraries(carriersim_${name} PUBLIC ${public_targets} ${L_LIBS}
                                           PRIVATE ${private_targets})
  set_property(GLOBAL APPEND PROPERTY CARRIERSIM_LAYERS ${name})
  list(SORT L_PUBLIC)
  list(SORT L_PRIVATE)
  string(REPLACE ";" " " public_text "${L_PUBLIC}")
  string(REPLACE ";" " " private_text "${L_PRIVATE}")
  set_property(GLOBAL APPEND PROPERTY CARRIERSIM_GRAPH
               "${name} ${dir} public: ${public_text} private: ${private_text}")
endfunction()

# Writes build/layers.txt: one line per layer, lowest first.
function(carriersim_write_graph)
  get_property(graph GLOBAL PROPERTY CARRIERSIM_GRAPH)
  string(REPLACE ";" "\n" text "${graph}")
  file(WRITE ${CMAKE_BINARY_DIR}/layers.txt "${text}\n")
endfunction()
